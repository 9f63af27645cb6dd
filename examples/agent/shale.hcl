# Nomad client config that loads the shale task driver.
# Copy the plugin binary into plugin_dir:  CGO_ENABLED=0 go build -o /opt/nomad/plugins/shale-driver ./cmd/shale-driver
# then:  nomad agent -dev -config=examples/agent/shale.hcl   (or merge into your client config)

plugin_dir = "/opt/nomad/plugins"

# Nomad matches plugin blocks by the binary's file name in plugin_dir, not the driver name.
plugin "shale-driver" {
  config {
    docker_endpoint      = "unix:///var/run/docker.sock"
    fingerprint_interval = "15s"
    network_mode         = "isolated"   # own bridge, no LAN/host/link-local/other leases; "none" = no network
    # network { allow = ["10.20.0.0/24"] }   # private ranges leases may still reach
    state_dir            = "/var/lib/shale"   # gateway host key, durable voucher logs

    # The node's SSH endpoint for leases (required to run tasks with a lease {} block).
    gateway {
      listen    = "0.0.0.0:2222"
      # advertise = "sp1.example.net:2222"   # what clients dial, if not the listen address

      # Serve the leases' exposed ports (docs/expose.md); the bridge's policy.max_exposes
      # must be above 0 for orders with exposed ports to be accepted.
      # ingress {
      #   listen        = "0.0.0.0:443"
      #   advertise_url = "https://leases.example.net"
      #   domain        = "leases.example.net"        # DNS *.leases.example.net -> this node
      #   cert_file     = "/etc/shale/wildcard.pem"   # for *.leases.example.net
      #   key_file      = "/etc/shale/wildcard.key"
      #   tcp_ports     = "30000-30099"               # public tcp exposures
      # }
    }

    # Deal data: CAR files by root CID (shale-driver deals import -store <car_dir> <path>),
    # and/or a trustless gateway on the LAN; verified into a shared read-only cache.
    deals {
      car_dir = "/var/lib/shale/cars"
      # gateway_url = "http://10.0.0.5:8080"
      cache_max = "500Gi"
    }

    image {
      pull         = false            # local images only; set true to allow registry pulls
      pull_timeout = "5m"
      allow        = ["shale/*"]      # glob patterns; empty allows every image
    }

    hardening {
      pids_limit      = 1024
      readonly_rootfs = false
      cpu_hard_limit  = false
      # cap_add defaults to CHOWN DAC_OVERRIDE FOWNER FSETID KILL SETGID SETUID NET_BIND_SERVICE
    }
  }
}

# Nomad's own docker driver shares the engine: keep its image GC away from local-only images.
plugin "docker" {
  config {
    gc {
      image = false
    }
  }
}
