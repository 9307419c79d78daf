"""The sync protocol, pure Python: wire messages, bundle files and their signatures, merge rules.

No database and no Qt here: the station side is in ``liaison_desk.services``, the county side in
``liaison_desk.hub``."""
