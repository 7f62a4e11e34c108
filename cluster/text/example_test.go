package text_test

import (
	"fmt"

	"github.com/leian/leian/cluster/text"
)

func ExampleMask() {
	fmt.Println(text.Mask("来电人张伟反映，联系电话13812345678，车牌京A12345"))
	// Output: 来电人某某反映，联系电话138******78，车牌京A***45
}
