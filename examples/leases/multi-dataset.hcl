# Two datasets side by side, and a command instead of an idle shell: the lease ends when
# the command exits.

locals {
  data = "/data"
}

lease "multi-dataset" {
  provider = "f01946720"
  image    = "shale/debian:bookworm"
  command  = "python3"
  args     = ["-c", "import os; print(sorted(os.listdir('${local.data}')))"]
  duration = "6h"
  ssh_keys = [file("~/.ssh/id_ed25519.pub")]

  resources {
    cpus      = 8
    memory    = "32Gi"
    gpus      = 2
    gpu_model = "NVIDIA A100-SXM4-40GB"
    disk      = "100Gi"
  }

  mount {
    cid  = "bafybeie5mci4syvz56dawvcvfxmkbprhmxsknpbwab6k4hxwtvtqblqjde"
    path = "${local.data}/mnist"
  }

  mount {
    cid  = "bafybeibws66o65brwe6hahzg5rs4yqth4vroo73hbvpftcumiekkkekjye"
    path = "${local.data}/fashion-mnist"
  }

  payment {
    price  = "20 nanofil/s"
    prepay = "10m"
    grace  = "2m"
  }
}
