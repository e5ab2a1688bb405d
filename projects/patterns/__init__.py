"""Design-pattern demos: a sklearn-compatible ResampleClassifier (Strategy, Factory, SOLID)."""
