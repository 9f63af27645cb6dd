# An interactive lease: no command, so the container idles under shale's init until the
# lease ends. Reach it with `nomad alloc exec -task lease <alloc> /bin/bash` (and, once the
# gateway lands, over SSH as the lease id). The lease {} block is validated by the driver.
job "lease-example" {
  type = "service"

  group "lease" {
    # A lease never restarts or moves: the client's state lives in the container.
    restart {
      attempts = 0
      mode     = "fail"
    }
    reschedule {
      attempts  = 0
      unlimited = false
    }

    task "lease" {
      driver = "shale"

      config {
        image = "shale/debian:bookworm"

        lease {
          id         = "31337-0x1f00000000000000000000000000000000000000000000000000000000000002"
          ssh_keys   = ["ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl client@example"]
          expires_at = "2030-01-01T00:00:00Z"
          bandwidth  = "1Mi"

          payment {
            public_key = "0x7d1acf0db23b443e895f6a4d71fbf22e7885a58074b14728a7b4175000cda4aa"
            price      = "10000000000000000attofil/60s"
            escrow     = "600000000000000000"
            prepay     = "5m"
            grace      = "1m"
          }
        }
      }

      resources {
        cpu        = 500
        memory     = 256
        memory_max = 512
      }
    }
  }
}
