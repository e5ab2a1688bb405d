"""BankChurn-Predictor: synthetic bank customers, a churn pipeline and its concept demos."""
