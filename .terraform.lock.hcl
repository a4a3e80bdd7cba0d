# This file is maintained automatically by "terraform init".
# Manual edits may be lost in future updates.

provider "edgenet.dev/edgenet/edgenet" {
  version     = "0.1.0"
  constraints = "0.1.0"
  hashes = [
    "h1:CWartCFAOhvR01hItIaD4xMC1ynnGgLa2OHY5UpPLYI=",
    "h1:ILcFIoatnagcWyAuDw4veRQjzqVlvL1hfSWf3dGHy5k=",
  ]
}

provider "registry.terraform.io/kreuzwerker/docker" {
  version     = "4.6.0"
  constraints = "4.6.0"
  hashes = [
    "h1:S9Gh+PWybNfCEjrobPDeql2Wd9tWxCp4fMSo/bIq/zI=",
    "h1:XFyjnzKZrjOchy8zqIhzEkY/bUmqFo23pqCDi1LFqy8=",
  ]
}
