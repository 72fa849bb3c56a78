"""The Celery app of `briefing`, configured from config.yaml.

Nothing lost, nothing twice: a task is acknowledged after it ran (acks_late), given back
to the queue when its worker dies (reject_on_worker_lost), and a worker takes one
message at a time (prefetch 1). Results travel through the store, not the result backend.
Analyses and collects go to `<queue>`; builds and sends to `<queue>.build`, so a worker
busy waiting on a build never holds back the analyses it waits for.
"""

from __future__ import annotations

from celery import Celery

from ..config import Config

app = Celery("briefing", include=["briefing.distributed.tasks"])
_CONFIG: dict[str, Config] = {}

BUILD_TASKS = ("briefing.build_day", "briefing.send_day", "briefing.daily")


def queues(config: Config) -> tuple[str, str]:
    """(analysis and collect queue, build and send queue)."""
    name = config.settings.executor.queue
    return name, f"{name}.build"


def configure(config: Config) -> Celery:
    """Point the app at the config's broker; remember the config for the tasks."""
    executor = config.settings.executor
    work, builds = queues(config)
    app.conf.update(
        broker_url=executor.broker_url,
        result_backend=executor.result_backend,
        task_ignore_result=True,
        task_serializer="json",
        accept_content=["json"],
        result_serializer="json",
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        worker_prefetch_multiplier=1,
        # On losing the broker, stop the tasks it will hand out again (acks_late): one run each.
        worker_cancel_long_running_tasks_on_connection_loss=True,
        task_default_queue=work,
        task_routes={name: {"queue": builds} for name in BUILD_TASKS},
        task_create_missing_queues=True,
        broker_connection_retry_on_startup=True,
        broker_connection_max_retries=None,  # a worker waits for the broker to come back
        task_publish_retry=True,
        task_publish_retry_policy={"max_retries": 10, "interval_start": 0.5, "interval_step": 1.0, "interval_max": 5.0},
        worker_hijack_root_logger=False,
        worker_send_task_events=False,
        # Redis hands an unacknowledged task out again after this long: longer than a build waits
        broker_transport_options={"visibility_timeout": int(executor.wait_seconds) + 1800},
    )
    _CONFIG["current"] = config
    return app


def current_config() -> Config:
    """The config the app was configured with (in a worker: from `briefing worker --config`)."""
    if "current" not in _CONFIG:
        import os

        from ..config import load_config

        configure(load_config(os.environ.get("BRIEFING_CONFIG")))
    return _CONFIG["current"]
