"""`hti repl` at a real (pseudo-)terminal: tab completion and history that outlives the session."""
import pexpect
import pytest

from conftest import HTI_BIN, ROOT


@pytest.fixture
def state(tmp_path):
    return {"XDG_STATE_HOME": str(tmp_path), "TERM": "xterm", "HOME": str(tmp_path)}


def spawn(env):
    child = pexpect.spawn(HTI_BIN, ["repl"], env=env, cwd=str(ROOT), encoding="utf-8", timeout=20,
                          dimensions=(24, 100))
    child.expect_exact("hti> ")
    return child


def test_tab_completes_a_command(state):
    child = spawn(state)
    # `fi` + Tab becomes `fit `: running the line proves it (fit then complains of its argument).
    child.send("fi\t")
    child.sendline("nothing_here")
    child.expect_exact("no variable named `nothing_here`")
    child.expect_exact("hti> ")
    child.send("pri\t")
    child.sendline('"completed"')
    child.expect(r"\r\ncompleted\r\n")
    child.sendeof()
    child.expect(pexpect.EOF)


def test_history_recalls_a_line_from_the_previous_session(state, tmp_path):
    first = spawn(state)
    first.sendline('print "remembered 42"')
    first.expect_exact("remembered 42")
    first.expect_exact("hti> ")
    first.sendeof()
    first.expect(pexpect.EOF)
    assert "remembered" in (tmp_path / "hti" / "history").read_text()  # libedit encodes spaces as \\040
    second = spawn(state)
    second.send("\x1b[A")  # up arrow: the last line of the previous session
    second.expect_exact('print "remembered 42"')
    second.send("\r")
    second.expect_exact("remembered 42")
    second.sendeof()
    second.expect(pexpect.EOF)
