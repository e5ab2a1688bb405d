"""ML lifecycle demos: features, hyperparameters, CV, seeds, config, data versions, logs."""
