"""Strings of the demo framework (ui/demos.py) and the Demos page (pages/demos.py)."""

# Demo block (shared by the Demos page and the inline demos of the Browse page)
CLAIM = "**Claim:** {claim}"
CLAIM_HOLDS = "The claim holds for these parameters."
CLAIM_FAILS = "The claim does not hold for these parameters."
QUESTIONS_LABEL = "Illustrates:"
QUESTION_LINK = "Q{n}"
QUESTION_LINK_HELP = "Open question {n} in Browse"
QUESTIONS_PLAIN = "Questions: {numbers}"
CODE_THAT_RAN = "Code that ran"
CODE_CAPTION = "`{qualname}` from `{module}`"
DEMO_RUNNING = "Running the demo…"
BAD_PARAMETERS = "Invalid parameters: {message}"
DEMO_CRASHED = "This demo failed ({error_type}). The rest of the page still works."
TRACEBACK = "Technical details (traceback)"
RENDERER_MISSING = (
    "The renderers of project `{project}` (ui/demos/{project}.py) could not be loaded for "
    "demo `{demo_id}`: {error}"
)
CONDITION_NOT_MET = (
    "The claim's condition does not hold on this data, so the demo does not test it: {condition}"
)
DATASET_IN_USE = "Running on your data set: {source} ({rows:,} rows)."
SYNTHETIC_IN_USE = "Running on the embedded synthetic data set."
SOURCE_UPLOAD = "uploaded file `{name}`"
SOURCE_ENV = "`{path}` (from ${env_var})"

# Demos page
PAGE_TITLE = "Live demos"
PAGE_INTRO = (
    "Each demo is a small, pure Python function run on the embedded data: move a widget, "
    "read the result and the exact code that produced it. Every demo states the claim it "
    "teaches and checks whether it holds."
)
SEARCH_LABEL = "Search demos"
SEARCH_PLACEHOLDER = "id, title, claim or question number (e.g. 41, leakage, MAPE)"
SEARCH_NO_MATCH = "No demo matches “{query}”."
NO_DEMOS = "No demos are registered yet."
NO_DEMOS_PROJECT = "No demos in this project yet."
PICK_DEMO = "Demo"
PROJECT_DEMO_COUNT = "{n} demo(s)"
UNKNOWN_DEMO_LINK = "There is no demo with id `{demo_id}`; showing the list instead."
DEEP_LINK_HINT = "Link to this demo: `?demo={demo_id}`"

# Bring your own data
BYOD_EXPANDER = "Bring your own data ({csv_name})"
BYOD_INTRO = (
    "If you have the real `{csv_name}`, upload it: the schema is checked and every demo of "
    "this project that uses a data set runs on it. The file stays in this browser session. "
    "You can also set the environment variable `{env_var}` to its path before starting the app."
)
BYOD_EXPECTED = "Expected columns: {columns}"
BYOD_UPLOADER = "CSV file"
BYOD_LOADED = "Using `{name}`: {rows:,} rows, {cols} columns."
BYOD_ENV_ACTIVE = "Using the data set from ${env_var}: `{path}` ({rows:,} rows)."
BYOD_ENV_ERROR = "${env_var} is set but its file cannot be used: {error}"
BYOD_SYNTHETIC = "Using the embedded synthetic data set."
BYOD_BACK = "Back to synthetic data"
BYOD_USE_ENV = "Use the ${env_var} data set"
BYOD_REJECTED = "The file was not loaded:"
BYOD_NOT_AVAILABLE = "This project has no data set module yet."

# Tabs of the Demos page (short labels; the full project title is shown inside the tab)
TAB_LABELS = {
    "bankchurn": ":material/account_balance: BankChurn",
    "carvision": ":material/directions_car: CarVision",
    "telecomai": ":material/smartphone: TelecomAI",
    "ops": ":material/settings: Operations",
    "api": ":material/api: API",
    "mlops": ":material/model_training: ML lifecycle",
    "cicd": ":material/rule: Testing & CI/CD",
    "infra": ":material/cloud: Infrastructure",
    "responsible": ":material/balance: Responsible AI",
    "leadership": ":material/groups: Leadership",
}
SEARCH_HITS = "{shown} of {total} demos match; click one to open it:"
SEARCH_HIT = "{title} · {project} · Q{questions}"
NO_MATCH_IN_PROJECT = "No demo of this project matches the search; clear it to see them all."
REGISTRY_ERRORS = "Some demo modules could not be loaded; the others still work:"
DEMO_OPTION = "{title}  ·  Q{questions}"
