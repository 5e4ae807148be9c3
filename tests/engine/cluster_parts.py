"""Real parts for the Dask tests, started by the tests on 127.0.0.1: a Dask scheduler, Dask workers, an S3 server.

Everything listens on 127.0.0.1 only, on free ports, and is stopped (by its own process id) when the
test ends. The S3 server is moto's server mode; every AWS setting points at it with dummy
credentials, so nothing can reach AWS (no instance metadata, no real endpoint).
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _wait_for_port(port: int, process: subprocess.Popen[bytes], what: str, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{what} exited with {process.returncode} before listening on 127.0.0.1:{port}")
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise TimeoutError(f"{what} did not listen on 127.0.0.1:{port} within {timeout} s")


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def s3_environment(endpoint: str) -> dict[str, str]:
    """AWS settings that can only reach ``endpoint`` (on 127.0.0.1): dummy keys, no metadata service."""
    return {
        "AWS_ACCESS_KEY_ID": "salesgen-test",
        "AWS_SECRET_ACCESS_KEY": "salesgen-test",
        "AWS_SESSION_TOKEN": "salesgen-test",
        "AWS_DEFAULT_REGION": "us-east-1",
        "AWS_ENDPOINT_URL": endpoint,
        "AWS_ENDPOINT_URL_S3": endpoint,
        "AWS_EC2_METADATA_DISABLED": "true",
        "AWS_CONFIG_FILE": os.devnull,
        "AWS_SHARED_CREDENTIALS_FILE": os.devnull,
        "FSSPEC_S3_ENDPOINT_URL": endpoint,
        "NO_PROXY": "127.0.0.1",
    }


@contextmanager
def s3_server() -> Iterator[str]:
    """moto's S3-compatible server on 127.0.0.1: yields its endpoint URL."""
    port = free_port()
    executable = shutil.which("moto_server", path=str(BIN)) or "moto_server"
    process = subprocess.Popen(
        [executable, "-H", "127.0.0.1", "-p", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        _wait_for_port(port, process, "moto_server")
        yield f"http://127.0.0.1:{port}"
    finally:
        _stop(process)


@dataclass
class Cluster:
    """A scheduler and its workers, each its own ``dask`` process."""

    address: str
    scheduler: subprocess.Popen[bytes]
    workers: list[subprocess.Popen[bytes]] = field(default_factory=list)

    def client(self) -> Any:
        from distributed import Client

        return Client(self.address, set_as_default=False)

    def wait_for_workers(self, count: int, timeout: float = 120.0) -> None:
        with self.client() as client:
            client.wait_for_workers(count, timeout=timeout)


@contextmanager
def dask_cluster(workers: int, env: dict[str, str]) -> Iterator[Cluster]:
    """``dask scheduler`` and ``workers`` × ``dask worker`` (one thread, no nanny: killing one kills it)."""
    port = free_port()
    environment = {**os.environ, **env}
    dask = str(BIN / "dask")

    def start(*args: str) -> subprocess.Popen[bytes]:
        return subprocess.Popen([dask, *args], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=environment)

    scheduler = start("scheduler", "--host", "127.0.0.1", "--port", str(port), "--no-dashboard")
    cluster = Cluster(f"tcp://127.0.0.1:{port}", scheduler)
    try:
        _wait_for_port(port, scheduler, "dask scheduler")
        for _ in range(workers):
            cluster.workers.append(
                start(
                    "worker",
                    cluster.address,
                    "--host",
                    "127.0.0.1",
                    "--nthreads",
                    "1",
                    "--no-nanny",
                    "--no-dashboard",
                    "--memory-limit",
                    "0",
                )
            )
        cluster.wait_for_workers(workers)
        yield cluster
    finally:
        for process in [*cluster.workers, scheduler]:
            _stop(process)
