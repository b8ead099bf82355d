# A note saved by a Windows editor: BOM and CRLF.  It is valid except
# for `unsatisfied: 7` on line 10 (column 18) and `lucrative: four` on
# line 19 (column 16): the line numbers must count CRLF as one line end
# and the BOM as no column.
printf '\357\273\277---\r\ntool: opportunities\r\nopportunities:\r\n  - id: O1\r\n    name: Pre-season service check at the farm\r\n    want: >\r\n      Farmers want the splitter to start on the first cold\r\n      Saturday of October, not a week later.\r\n    importance: 4\r\n    unsatisfied: 7\r\n    doable: 5\r\n    lucrative: 3\r\n  - id: O2\r\n    name: Spare parts subscription\r\n    want: Rental shops want wedges and seals in stock.\r\n    importance: 3\r\n    unsatisfied: 3\r\n    doable: 4\r\n    lucrative: four\r\n---\r\n\r\nRatings from the workshop in Vrbovec, 12 March 2025.\r\n' > 26-opportunities.md
