"""All UI strings, one module per page, so the interface can be translated in one place.

Content (questions, answers) is Spanish and lives in questions/ and answers.yaml; the
interface is English for now.
"""
