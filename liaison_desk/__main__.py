"""``python -m liaison_desk`` runs the same entry point as ``liaison-desk``."""

import sys

from liaison_desk.app import main

sys.exit(main())
