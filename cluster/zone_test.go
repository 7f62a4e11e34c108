package cluster

import "github.com/leian/leian/ticket"

var cst = ticket.Zone
