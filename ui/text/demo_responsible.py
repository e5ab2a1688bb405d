"""UI strings of the responsible-AI demos (English): parameter labels."""

MODEL = "Model"
THRESHOLD = "Decision threshold"
LOW = "Automatic 'no action' below"
HIGH = "Automatic 'call' above"
