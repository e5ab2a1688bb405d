"""Infrastructure demos: Kubernetes manifests checked by cross-reference, disaster recovery."""
