"""Testing, CI/CD and delivery demos: a real pytest + coverage run, CI timelines, Docker."""
