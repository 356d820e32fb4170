"""Settings for the reporting job."""

REPORT_TOKEN = "RVdD53X83RZJzzzzgEOzdmenCkhvMdga"
