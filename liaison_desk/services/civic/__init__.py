"""The deputies' work beyond reception (issue 18): paper-ballot tallies entered twice (``tallies``),
livelihood-project votes (``votes``, 民生实事项目票决) and the voters' appraisal of a deputy (``appraisals``,
述职评议)."""
