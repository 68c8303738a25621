"""`python -m bench`: every bench, one table (see run_all.py)."""

import sys

from bench.run_all import main

sys.exit(main())
