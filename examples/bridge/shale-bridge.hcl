# shale-bridge configuration (HCL). Run:
#   shale-bridge register -config shale-bridge.hcl   # once, and after changing nodes or policy
#   shale-bridge run      -config shale-bridge.hcl
#   shale-bridge status   -config shale-bridge.hcl
# Relative paths are resolved against this file's directory. Amounts and prices are exact
# (no floats): "0.5fil", "5e17attofil", "0.01fil/min".

chain {
  rpc           = "http://127.0.0.1:8545"                       # required: Ethereum JSON-RPC (FEVM: Lotus /rpc/v1)
  chain_id      = 0                                             # the chain the RPC must serve (314 mainnet, 314159 calibnet); default 0 = any
  contract      = "0x5FbDB2315678afecb367f032d93F642f64180aa3" # required: the Marketplace address
  keystore      = "/etc/shale/sp-key.json"                      # required: go-ethereum keystore of the provider account
  password_file = "/etc/shale/sp-key.password"                  # required: must not be world-readable (chmod 600)
  confirmations = 2                                             # blocks an event must be buried under; default 2
  start_block   = 0                                             # first block scanned on a fresh state; default 0
  poll_interval = "2s"                                          # default 2s
}

nomad {
  address      = "http://127.0.0.1:4646" # default
  token        = ""                      # ACL token; default none
  region       = ""                      # default: the agent's region
  namespace    = ""                      # default: "default"
  datacenters  = ["dc1"]                 # default: every datacenter
  mhz_per_core = 1000                    # Nomad CPU shares per leased core; default 1000
}

provider {
  miner_id                   = "f01946720" # required: the Filecoin miner id clients order from
  metadata_endpoint_override = ""          # public host:port of the SSH gateway; default: the nodes' gateway endpoint
}

policy {
  min_price    = "0.01fil/min" # orders below are rejected; default: any price
  max_duration = "24h"         # default: any duration
  max_grace    = "10m"         # longest payment grace an order may ask; default 10m
  max_prepay   = "1h"          # longest prepay an order may ask; default 1h
  images       = ["shale/*"]   # path.Match patterns; default: any image
  max_leases   = 50            # concurrent leases; default 0 = as many as Nomad places
  max_exposes  = 4             # exposed ports per lease (expose {}); default 0 = none
  collateral   = "0.5fil"      # posted per accepted order; default and minimum: the marketplace's minCollateral
}

settlement {
  max_wait      = "10m" # how long a finished lease waits for a full batch; default 10m
  start_timeout = "5m"  # how long a lease job may take to start; default 5m
  prover_keys   = ""    # "" = deterministic development keys (insecure); else the MPC ceremony's key directory
}

state_dir = "/var/lib/shale-bridge" # bridge.db lives here; default /var/lib/shale-bridge
listen    = "127.0.0.1:9100"        # /metrics, /healthz, /v1/orders; default 127.0.0.1:9100
log_level = "info"                  # trace, debug, info, warn, error; default info
log_json  = false                   # default false
