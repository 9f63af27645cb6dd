# A Jupyter notebook next to the provider's Fashion-MNIST deal data, served through the node's
# gateway on a private exposed port (docs/expose.md). The provider must allow exposed ports
# (max_exposes in its metadata) and run an ingress.
#
#   shale lease apply -var dataset=<CID from `shale sps`> examples/leases/jupyter.hcl
#   shale open <lease> 8888        # prints the notebook's URL with the lease's token
#
# The gateway checks the token, so the notebook runs without its own; the ingress serves it
# by host name (<lease>-8888.<provider domain>), which keeps the notebook's absolute links.

variable "provider" {
  description = "Filecoin miner id of the storage provider"
  default     = "f01946720"
}

variable "dataset" {
  description = "CID of the provider's Fashion-MNIST deal data (shale sps --dataset lists who has it)"
  default     = "bafybeibws66o65brwe6hahzg5rs4yqth4vroo73hbvpftcumiekkkekjye"
}

variable "ssh_key" {
  description = "public key file allowed to log in"
  default     = "~/.ssh/id_ed25519.pub"
}

lease "jupyter" {
  provider = var.provider
  image    = "shale/jupyter:bookworm" # Debian's python3-notebook (scripts/images.sh)
  command  = "python3"
  args = [
    "-m", "notebook", "--ip=0.0.0.0", "--port=8888", "--no-browser", "--allow-root", "--notebook-dir=/root",
    "--NotebookApp.token=", "--NotebookApp.password=", "--NotebookApp.allow_remote_access=True",
  ]
  duration  = "4h"
  bandwidth = "10Mi"
  ssh_keys  = [file(var.ssh_key)]

  resources {
    cpus   = 2
    memory = "4Gi"
  }

  mount {
    cid  = var.dataset
    path = "/data/fashion-mnist"
  }

  expose {
    port     = 8888
    protocol = "http"
    public   = false # the lease's token is required: `shale open` and `shale leases` show it
  }

  payment {
    price  = "0.01fil/min"
    prepay = "5m"
    grace  = "1m"
  }
}
