"""Open a page in Debian's headless Chromium over the DevTools protocol and record what it did.

A tiny client: one websocket (``websocket-client``) to the page target, commands by id, every event
kept. It records console errors, uncaught exceptions and every network request the page makes;
name resolution is mapped to nothing (``--host-resolver-rules``), so even a request that slipped in
could not leave the machine.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import shutil
import signal
import subprocess
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import websocket

CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",  # CI runs as root
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
    "--host-resolver-rules=MAP * ~NOTFOUND",
    "--remote-debugging-address=127.0.0.1",
    "--remote-debugging-port=0",
    "--window-size=1280,900",
)


def chromium_binary() -> str:
    """The chromium executable; fails (never skips) with how to install it."""
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    raise AssertionError("chromium is not installed: apt-get install -y chromium (.ci/run does this)")


@dataclass
class Page:
    """A DevTools session on one page target."""

    socket: websocket.WebSocket
    events: list[dict[str, Any]] = field(default_factory=list)
    next_id: int = 0

    def send(self, method: str, **params: Any) -> dict[str, Any]:
        """Run one command and return its result (events that arrive meanwhile are kept)."""
        self.next_id += 1
        self.socket.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.socket.recv())
            if message.get("id") == self.next_id:
                if "error" in message:
                    raise AssertionError(f"{method}: {message['error']}")
                result: dict[str, Any] = message.get("result", {})
                return result
            self.events.append(message)

    def evaluate(self, expression: str) -> Any:
        """The value of a JavaScript expression (awaited if it is a promise)."""
        result = self.send("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        return result["result"].get("value")

    def wait_for(self, expression: str, timeout_seconds: float = 60.0) -> Any:
        """Poll ``expression`` until it is truthy; its value."""
        deadline = time.monotonic() + timeout_seconds
        while time.monotonic() < deadline:
            value = self.evaluate(expression)
            if value:
                return value
            time.sleep(0.2)
        raise AssertionError(f"timed out after {timeout_seconds} s waiting for {expression}")

    def errors(self) -> list[str]:
        """Console errors, uncaught exceptions and browser log errors, as text."""
        found = []
        for event in self.events:
            method, params = event.get("method"), event.get("params", {})
            if method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
                found.append(" ".join(str(a.get("value", a.get("description", ""))) for a in params.get("args", [])))
            elif method == "Runtime.exceptionThrown":
                found.append(str(params.get("exceptionDetails", {}).get("exception", {}).get("description", params)))
            elif method == "Log.entryAdded" and params.get("entry", {}).get("level") == "error":
                found.append(str(params["entry"].get("text")))
        return found

    def requests(self) -> list[str]:
        """Every URL the page asked for (the page itself included)."""
        return [
            e["params"]["request"]["url"]
            for e in self.events
            if e.get("method") == "Network.requestWillBeSent" and "request" in e.get("params", {})
        ]

    def screenshot(self, path: Path) -> Path:
        """A PNG of the whole page (not just the window): the viewport is grown to the page first, since
        Chromium paints only what is near the viewport."""
        metrics = self.send("Page.getLayoutMetrics")
        size = metrics.get("cssContentSize") or metrics["contentSize"]
        width, height = int(size["width"]), int(size["height"])
        self.send("Emulation.setDeviceMetricsOverride", width=width, height=height, deviceScaleFactor=1, mobile=False)
        shot = self.send("Page.captureScreenshot", format="png")
        path.write_bytes(base64.b64decode(shot["data"]))
        return path


def _debugger_port(profile: Path, process: subprocess.Popen[bytes], timeout_seconds: float = 30.0) -> int:
    active = profile / "DevToolsActivePort"
    deadline = time.monotonic() + timeout_seconds
    while time.monotonic() < deadline:
        if active.exists() and active.read_text().strip():
            return int(active.read_text().splitlines()[0])
        if process.poll() is not None:
            raise AssertionError(f"chromium exited with {process.returncode} before opening its debugging port")
        time.sleep(0.1)
    raise AssertionError("chromium did not open its debugging port")


@contextmanager
def open_page(url: str) -> Iterator[Page]:
    """Start chromium, open ``url`` with console, log and network recording on; close everything after."""
    with tempfile.TemporaryDirectory(prefix="salesgen-chromium-") as profile:
        process = subprocess.Popen(
            [chromium_binary(), *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "about:blank"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,  # its renderers and zygote share the group: stop them all before cleanup
        )
        try:
            port = _debugger_port(Path(profile), process)
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=10) as response:
                targets = json.load(response)
            target = next(t for t in targets if t.get("type") == "page")
            page = Page(websocket.create_connection(target["webSocketDebuggerUrl"], timeout=60))
            try:
                for domain in ("Runtime", "Log", "Network", "Page"):
                    page.send(f"{domain}.enable")
                page.send("Page.navigate", url=url)
                yield page
            finally:
                page.socket.close()
        finally:
            _stop_group(process)


def _stop_group(process: subprocess.Popen[bytes], timeout_seconds: float = 10.0) -> None:
    """Terminate chromium and every process of its group, and wait until none is left.

    A child still running after the browser exits keeps writing into the profile, and removing the
    profile then fails with "Directory not empty".
    """
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout_seconds
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(timeout=timeout_seconds)
    while time.monotonic() < deadline:
        if not _group_members(process.pid):
            break
        time.sleep(0.05)
    else:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
    process.wait()


def _group_members(group: int) -> list[int]:
    """Live processes of a process group (zombies, already finished, do not count)."""
    members = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, IndexError):
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if int(fields[2]) == group and fields[0] not in ("Z", "X"):
                members.append(int(stat.parent.name))
    return members
