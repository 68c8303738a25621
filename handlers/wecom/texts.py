"""What WeCom staff see that only this channel needs: card titles, a pressed card's label,
and the hint used when a message's choices are too many for cards."""

CHOOSE = "请选择"
CHOOSE_PART = "请选择（{part}/{parts}）"
PRESSED = "已处理"
TYPE_INSTEAD = "（选项较多，不逐一列出按钮：请直接回复文字，例如“第3项已完成”“第3项进行中”“第3项有困难：原因”。）"
FETCH_FAILED = "无法从企业微信取回这个文件（{error}），请稍后再发一次。"
