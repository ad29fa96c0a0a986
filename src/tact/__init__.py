"""tact: technical assistance under UNTOC and its Protocols."""
