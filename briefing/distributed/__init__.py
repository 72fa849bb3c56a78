"""Scale-out on Celery: the app (`app.py`), tasks that wrap the pipeline (`tasks.py`),
the executor a build hands its analyses to (`executor.py`) and `briefing status`
(`status.py`).

This package imports the pipeline, never the reverse; nothing here is imported unless
`executor.kind` is `celery` (or a worker is started). See docs/scaling.md.
"""
