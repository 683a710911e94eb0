"""The periodic delivery task keeps going after a failed round and stops when cancelled."""

import asyncio

import pytest

from mrko_app.services.alerts import runner as alerts_runner
from tests.async_run import run_async


def test_interval_from_the_environment(monkeypatch):
    monkeypatch.setenv("MRKO_ALERTS_INTERVAL", "15")
    assert alerts_runner.interval() == 15
    monkeypatch.setenv("MRKO_ALERTS_INTERVAL", "0")
    assert alerts_runner.interval() == 1
    monkeypatch.setenv("MRKO_ALERTS_INTERVAL", "soon")
    assert alerts_runner.interval() == 60


def test_runs_again_after_a_failure_until_cancelled(monkeypatch):
    calls = []
    done = asyncio.Event()

    def deliver_once():
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError("database away")
        if len(calls) == 3:
            done.set()
        return {"delivered": 0}

    monkeypatch.setattr(alerts_runner, "deliver_once", deliver_once)
    monkeypatch.setattr(alerts_runner, "interval", lambda: 0)

    async def main():
        task = asyncio.create_task(alerts_runner.deliver_alerts_periodically())
        await done.wait()
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task

    run_async(main())
    assert len(calls) >= 3


