"""The pages of results and evaluation, one module per sub-area: `frameworks` (frameworks,
results, indicators, IATI results), `evaluations` (evaluations, ratings, findings,
responses, documents) and `portfolio` (good-practice candidates, the portfolio analysis)."""
