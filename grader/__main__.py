"""``python -m grader``: the same as the ``grader`` command."""

from grader.cli.main import main

raise SystemExit(main())
