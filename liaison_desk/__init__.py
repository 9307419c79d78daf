"""LiaisonDesk (联络站值班台): the duty desk of a people's-congress deputy liaison station."""

__version__ = "0.1.0"
