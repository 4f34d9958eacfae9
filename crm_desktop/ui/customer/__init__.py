"""The 360° customer view: a person's or a company's page, and the history of pages opened."""
