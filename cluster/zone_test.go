package cluster

import "time"

var cst = time.FixedZone("CST", 8*3600)
