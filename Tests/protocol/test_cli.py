"""The terminal front-ends as scripts meet them: `hti repl` fed a pipe, `hti run` of a
script with a runtime error."""
import subprocess

from conftest import HTI_BIN, ROOT


def repl(text):
    return subprocess.run([HTI_BIN, "repl"], input=text, capture_output=True, text=True, timeout=60, cwd=ROOT)


def test_an_unterminated_string_is_an_error_on_its_line_and_later_lines_run():
    done = repl('print "oops\nprint "after"\n')
    assert "no closing quote" in done.stderr
    assert "after" in done.stdout, "the line after the error still ran"
    assert done.returncode == 1, "piped input with an error exits non-zero"


def test_a_bare_magic_and_a_trailing_comma_do_not_swallow_input():
    done = repl("%time\nprint 1,\nprint \"still here\"\n")
    assert done.stderr.count("SyntaxError") == 2
    assert "still here" in done.stdout
    assert done.returncode == 1


def test_a_continuation_at_the_end_of_input_is_reported_not_dropped():
    done = repl('print "a" \\\n')
    assert "continued line" in done.stderr and done.returncode == 1


def test_clean_piped_input_exits_zero():
    done = repl('x = 2\nprint x\n')
    assert done.returncode == 0 and "2" in done.stdout


def test_hti_run_reports_runtime_errors_with_file_line_and_column(tmp_path):
    script = tmp_path / "broken.hti"
    # Line 3 fails while it runs (the file is missing), not while it parses.
    script.write_text('x = 1\n\n   d = load "no-such-file.csv"\n')
    done = subprocess.run([HTI_BIN, "run", str(script)], capture_output=True, text=True, timeout=60)
    assert done.returncode != 0
    assert f"{script}:3:" in done.stderr, done.stderr
