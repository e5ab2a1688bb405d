"""Operations demos: API errors, configuration, Kubernetes, prioritisation and privacy."""
