package serve_test

import (
	"fmt"

	"github.com/leian/leian/internal/serve"
)

func ExampleParseRole() {
	for _, s := range []string{"city", "department:住建委", "district:江南区", "mayor"} {
		r, err := serve.ParseRole(s)
		if err != nil {
			fmt.Println("error:", err)
			continue
		}
		fmt.Println(r, "=>", r.Label())
	}
	// Output:
	// city => 全市
	// department:住建委 => 承办单位：住建委
	// district:江南区 => 区：江南区
	// error: "mayor": role must be city, department:NAME or district:NAME
}

func ExampleCheckAddr() {
	fmt.Println(serve.CheckAddr("127.0.0.1:8080", false))
	fmt.Println(serve.CheckAddr("0.0.0.0:8080", false) != nil)
	fmt.Println(serve.CheckAddr("0.0.0.0:8080", true))
	// Output:
	// <nil>
	// true
	// <nil>
}
