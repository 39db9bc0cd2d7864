"""The audit rules behind :func:`jixiao.normalize.checks.run_checks`, one module per
family: funds rows, expenditures, indicators, grades, dates, completeness."""
