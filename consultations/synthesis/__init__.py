"""The synthesis report (Bản tổng hợp, tiếp thu, giải trình ý kiến góp ý), issue 8 item 3.

`report` (pure) arranges answered comments into the report's sections and totals; `collect`
reads them from the database in a fixed number of queries; `docx_layout`, `tables` write the
DOCX, XLSX and CSV; `publishing` publishes the report once every comment has a public answer;
`views` serve the page and the files.
"""
