"""UI strings of the Operations demo renderers (English), kept in one place."""

EXAMPLE = "Example request"
PAYLOAD = "Request body (JSON sent to POST /predict)"
MODEL_LOADED = "Model loaded"
MAX_BYTES = "Body size limit (bytes)"
RESPONSE = "Response"
LOG_LINE = "Server log"

YAML_TEXT = "configs/config.yaml"
ENV_TEXT = "Environment variables (KEY=VALUE per line)"
ENV_HELP = "Settings: {names}"

REPLICAS = "replicas"
MAX_SURGE = "maxSurge (number or %)"
MAX_UNAVAILABLE = "maxUnavailable (number or %)"
STARTUP = "Ticks until a new pod can serve (model loading)"
READINESS = "Readiness probe"
MANIFEST = "The Deployment strategy being simulated:"

LOAD_SHAPE = "Load curve"
PEAK = "Peak load (requests/s)"
MIN_REPLICAS = "minReplicas"
MAX_REPLICAS = "maxReplicas"
TARGET = "Target CPU utilisation (%)"
CAPACITY = "Requests/s one pod serves at 100% of its CPU request"
WINDOW = "Scale-down stabilisation window (minutes)"

CPU_REQUEST = "CPU request (m)"
CPU_LIMIT = "CPU limit (m)"
MEM_REQUEST = "Memory request (Mi)"
MEM_LIMIT = "Memory limit (Mi)"
CPU_PEAK = "Peak CPU demand (m)"
MEM_PEAK = "Memory reached at the end of the hour (Mi)"
NODE_CPU = "Node allocatable CPU (m)"
NODE_MEM = "Node allocatable memory (Mi)"

RICE_EDITOR = (
    "Edit the table (reach: users/quarter; impact: 0.25-3; confidence: %; effort: "
    "person-months). Rows can be added or deleted."
)

SECRET_KEY = "Secret key (HMAC)"
ERASE = "Customer asking for erasure"
METHOD = "Pseudonym method"
METHOD_LABELS = {"hmac": "HMAC-SHA256 with a secret key", "sha256": "Plain SHA-256 of the id"}
