"""Period reports for the station (issue 16): figures, breakdowns, 问题清单 and 通报 as JSON, PDF and Excel."""
