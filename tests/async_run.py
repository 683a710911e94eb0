"""Running a coroutine to its end from a test, whatever else runs in the test's thread.

pytest-playwright's sync API keeps an event loop running in the main thread once a browser test has
run, and `asyncio.run` refuses to start inside a running loop; so in a whole-suite run every later
`asyncio.run` would fail. A thread of its own has no loop."""

import asyncio
import contextvars
import threading


def run_async(coro, timeout: float = 600):
    """`asyncio.run(coro)` in a fresh thread with this thread's context variables; its result, or its
    exception re-raised here."""
    result, errors = [], []
    context = contextvars.copy_context()  # Reflex keeps its registries in context variables

    def target():
        try:
            result.append(context.run(asyncio.run, coro))
        except BaseException as exc:  # re-raised in the test's thread
            errors.append(exc)

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(timeout)
    assert not thread.is_alive(), "the coroutine did not finish"
    if errors:
        raise errors[0]
    return result[0]
