"""Human levels: labelled samples for evals and ratings files for audits."""
