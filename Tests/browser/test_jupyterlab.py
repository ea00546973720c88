"""A real JupyterLab in a real browser: start JupyterLab headless on loopback with the HTI kernelspec,
open a notebook in Debian's Chromium through selenium, run all cells, wait for the kernel to be idle,
and check the page: SVG plots where the notebook makes them, no error output beyond cells tagged
`raises-exception`. A screenshot is saved under out/browser/."""
import os
import pathlib
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

import nbformat
import pytest
from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service

from conftest import HTI_BIN, ROOT, small_semicircles
NOTEBOOK = os.environ.get("HTI_BROWSER_NOTEBOOK") or next(
    name for name in ["01-tutorial.ipynb", "00-language-tour.ipynb"] if (ROOT / "notebooks" / name).exists())
SHOTS = ROOT / "out" / "browser"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def lab():
    workdir = pathlib.Path(tempfile.mkdtemp(prefix="hti-lab-"))
    shutil.copytree(ROOT / "notebooks", workdir / "notebooks")
    shutil.copytree(ROOT / "data", workdir / "data")
    env = dict(os.environ, JUPYTER_DATA_DIR=str(workdir / "jupyter-data"), JUPYTER_CONFIG_DIR=str(workdir / "jupyter-config"),
               JUPYTER_RUNTIME_DIR=str(workdir / "runtime"))
    subprocess.run([HTI_BIN, "install", "--user"], check=True, capture_output=True, env=env)
    # No "get notified about Jupyter news?" pop-up over the page.
    settings = workdir / "lab-settings"
    settings.mkdir()
    (settings / "overrides.json").write_text('{"@jupyterlab/apputils-extension:notification": {"fetchNews": "false"}}')
    port, token = free_port(), "hti-browser-test"
    log = open(workdir / "lab.log", "w")
    server = subprocess.Popen(
        [sys.executable, "-m", "jupyterlab", "--no-browser", "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}",
         f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={workdir / 'notebooks'}",
         "--LabApp.expose_app_in_browser=True", f"--LabApp.app_settings_dir={settings}", "--allow-root"],
        env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while time.time() < deadline and server.poll() is None:
        try:
            urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=1)
            break
        except OSError:
            time.sleep(0.3)
    else:
        server.kill()
        pytest.fail("JupyterLab did not start: " + (workdir / "lab.log").read_text()[-2000:])
    yield base, token, workdir
    server.terminate()
    server.wait(timeout=10)


@pytest.fixture(scope="module")
def browser():
    options = Options()
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    for flag in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1400,1000"]:
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver") or "/usr/bin/chromedriver"), options=options)
    yield driver
    driver.quit()


def wait_for(driver, script, timeout, what):
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            if driver.execute_script(script):
                return
        except Exception:
            pass
        time.sleep(0.5)
    # What the page showed is the only clue to a timeout in CI: keep a screenshot and the outputs' text.
    SHOTS.mkdir(parents=True, exist_ok=True)
    shot = SHOTS / ("timeout-" + "".join(c if c.isalnum() else "-" for c in what) + ".png")
    driver.save_screenshot(str(shot))
    try:
        outputs = driver.execute_script(
            "return Array.from(document.querySelectorAll('.jp-OutputArea-output')).map(o => o.innerText).join('\\n---\\n')")
    except Exception as error:
        outputs = f"(could not read the outputs: {error})"
    raise AssertionError(f"timed out waiting for {what}; screenshot {shot}; outputs:\n{str(outputs)[-3000:]}")


def is_current(notebook):
    """JavaScript: the notebook open in front is `notebook` (a path under the server's root)."""
    return f"jupyterapp.shell.currentWidget.context && jupyterapp.shell.currentWidget.context.path === {notebook!r}"


def test_notebook_runs_in_jupyterlab(lab, browser):
    base, token, workdir = lab
    path = workdir / "notebooks" / NOTEBOOK
    stored = nbformat.read(path, as_version=4)
    expected_errors = sum(1 for c in stored.cells if c.cell_type == "code" and "raises-exception" in c.metadata.get("tags", []))
    expected_svgs = sum(1 for c in stored.cells if c.cell_type == "code"
                        for o in c.get("outputs", []) if "image/svg+xml" in o.get("data", {}))
    code_cells = sum(1 for c in stored.cells if c.cell_type == "code")

    browser.get(f"{base}/lab/tree/{NOTEBOOK}?token={token}")
    panel = "window.jupyterapp && jupyterapp.shell.currentWidget && jupyterapp.shell.currentWidget.sessionContext"
    wait_for(browser, f"return !!({panel}) && {is_current(NOTEBOOK)} && {panel}.session && {panel}.session.kernel "
                      f"&& {panel}.session.kernel.status === 'idle' && {panel}.kernelDisplayName === 'HTI'",
             120, "the notebook to open on an idle HTI kernel")
    # Not returning the command's promise: WebDriver would wait on it, past its script timeout.
    browser.execute_script("jupyterapp.commands.execute('notebook:clear-all-cell-outputs')"
                           ".then(() => jupyterapp.commands.execute('notebook:run-all-cells'));")
    counts = ("return jupyterapp.shell.currentWidget.content.widgets"
              ".filter(c => c.model.type === 'code' && c.model.executionCount !== null).length")
    wait_for(browser, f"{counts.replace('return ', 'return (')}) === {code_cells} && "
                      f"jupyterapp.shell.currentWidget.sessionContext.session.kernel.status === 'idle'",
             900, "all cells to run")
    time.sleep(1)
    SHOTS.mkdir(parents=True, exist_ok=True)
    browser.save_screenshot(str(SHOTS / (path.stem + ".png")))

    errors = browser.execute_script(
        "return document.querySelectorAll('.jp-OutputArea-output[data-mime-type=\"application/vnd.jupyter.stderr\"]').length")
    tracebacks = browser.execute_script("return document.querySelectorAll('.jp-RenderedText[data-mime-type=\"application/vnd.jupyter.stderr\"]').length")
    svgs = browser.execute_script("return document.querySelectorAll('.jp-RenderedSVG, .jp-RenderedImage img[src^=\"data:image/svg\"], .jp-RenderedHTMLCommon img[src^=\"data:image/svg\"]').length")
    assert max(errors, tracebacks) == expected_errors, f"{errors} error outputs in the page, expected {expected_errors}"
    assert svgs >= expected_svgs, f"{svgs} SVG plots in the page, expected {expected_svgs}"
    if expected_svgs == 0:
        # Even without plots, every code cell ran and produced its stored output count.
        rendered = browser.execute_script("return document.querySelectorAll('.jp-OutputArea-output').length")
        assert rendered >= sum(len(c.get("outputs", [])) for c in stored.cells if c.cell_type == "code") - 1


def test_explore_slider_redraws_the_plot_when_dragged(lab, browser):
    """`explore m` in real JupyterLab with jupyterlab_widgets: the slider is there, dragging it
    redraws the samples at the new λ (the figure's title names it)."""
    base, token, workdir = lab
    small_semicircles(workdir / "notebooks" / "small.csv")
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "hti", "display_name": "HTI", "language": "hti"}
    nb.cells = [nbformat.v4.new_code_cell('d = load "small.csv" condition=arc\nm = fit d steps=1 seed=0'),
                nbformat.v4.new_code_cell("explore m lambda=0.5 n=40"),
                nbformat.v4.new_code_cell("p = plot m animate n=5\np")]
    nbformat.write(nb, workdir / "notebooks" / "explore-test.ipynb")
    browser.get(f"{base}/lab/tree/explore-test.ipynb?token={token}")
    panel = "window.jupyterapp && jupyterapp.shell.currentWidget && jupyterapp.shell.currentWidget.sessionContext"
    # The tutorial's tab from the test before is current (and idle) until this one has opened.
    wait_for(browser, f"return !!({panel}) && {is_current('explore-test.ipynb')} && {panel}.session "
                      f"&& {panel}.session.kernel && {panel}.session.kernel.status === 'idle'",
             120, "the notebook to open on an idle kernel")
    browser.execute_script("jupyterapp.commands.execute('notebook:run-all-cells');")
    handle = ".widget-slider .noUi-handle, .widget-hslider .noUi-handle"
    wait_for(browser, f"return document.querySelectorAll('{handle}').length === 1", 300, "the λ slider")
    title = ("return Array.from(document.querySelectorAll('.widget-html svg title, .widget-html-content svg title'))"
             ".map(t => t.textContent).join('|')")
    wait_for(browser, title.replace("return ", "return (") + ").includes('= 0.50')", 60, "the plot at λ = 0.50")
    before = browser.execute_script(title)
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    element = browser.find_element(By.CSS_SELECTOR, handle)
    ActionChains(browser).click_and_hold(element).move_by_offset(-120, 0).release().perform()
    wait_for(browser, title.replace("return ", "return (") + f") !== {before!r} && !({title.replace('return ', '')}).includes('= 0.50')",
             60, "the plot to be redrawn at the new λ")
    after = browser.execute_script(title)
    SHOTS.mkdir(parents=True, exist_ok=True)
    browser.save_screenshot(str(SHOTS / "explore.png"))
    assert "samples at lambda = 0." in after and "= 0.50" not in after
    # The animated trajectories are in the page (as an image of the SVG), with their animation elements.
    wait_for(browser, "return Array.from(document.querySelectorAll('img[src^=\"data:image/svg+xml;base64,\"]'))"
                      ".some(i => atob(i.src.split(',')[1]).includes('<animateMotion'))", 120, "the animated trajectories")
