"""The desktop UI: Qt widgets that wire the model and the renderer together."""
