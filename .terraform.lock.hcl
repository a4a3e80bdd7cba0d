# This file is maintained automatically by "terraform init".
# Manual edits may be lost in future updates.

provider "edgenet.dev/edgenet/edgenet" {
  version     = "0.1.0"
  constraints = "0.1.0"
  hashes = [
    "h1:XMEC4RCZexa82b968EAjorRfmO/A2EE+XHIWRxMRORc=",
    "h1:aOW17c0RGcn2K+noHd2zYE/DgXdT067Jovv6QfCbpck=",
  ]
}

provider "registry.terraform.io/kreuzwerker/docker" {
  version     = "4.6.0"
  constraints = "4.6.0"
  hashes = [
    "h1:GvSfRjIQ0Bw6Sbx9zrFiCgd8f/kzZO3U79yLu6vIfIc=",
    "h1:MKmtQPamw5l/PSKeT2+A8AcdAbyMnzC9hqLk5Jwn9vI=",
  ]
}
