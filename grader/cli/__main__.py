"""``python -m grader.cli``: the same as the ``grader`` command."""

from grader.cli.main import main

raise SystemExit(main())
