# The smallest shale job: print a line and exit.  nomad job run examples/jobs/hello.nomad.hcl
job "hello" {
  type = "batch"

  group "hello" {
    restart {
      attempts = 0
      mode     = "fail"
    }

    task "hello" {
      driver = "shale"

      config {
        image   = "shale/busybox:bookworm"
        command = "/bin/sh"
        args    = ["-c", "echo \"hello from shale on $(uname -n), task dir ${NOMAD_TASK_DIR}\""]
      }

      resources {
        cpu    = 100
        memory = 32
      }
    }
  }
}
