<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>AccountDialog</name>
    <message>
        <location filename="../../liaison_desk/ui/deputy_admin_dialogs.py" line="155"/>
        <source>开通值班账号</source>
        <translation>Open a sign-in account</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/deputy_admin_dialogs.py" line="155"/>
        <source>重置密码</source>
        <translation>Reset PIN</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/deputy_admin_dialogs.py" line="156"/>
        <source>为 {0} 开通签到用的值班账号。</source>
        <translation>Open a sign-in account for {0}.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/deputy_admin_dialogs.py" line="157"/>
        <source>为 {0} 设一个新密码；输错密码的等待也一并解除。</source>
        <translation>Set a new PIN for {0}; any wait after wrong PINs is cleared too.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/deputy_admin_dialogs.py" line="166"/>
        <source>登录名(&amp;L)：</source>
        <translation>&amp;Login:</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/deputy_admin_dialogs.py" line="166"/>
        <source>登录名</source>
        <translation>Login</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/deputy_admin_dialogs.py" line="167"/>
        <source>签到时输入的证号或登录名</source>
        <translation>The card number or login typed at sign-in</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/deputy_admin_dialogs.py" line="171"/>
        <source>4–12 位数字</source>
        <translation>4–12 digits</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/deputy_admin_dialogs.py" line="171"/>
        <source>4–12 位数字；不填则自动生成</source>
        <translation>4–12 digits; leave empty for a random one</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/deputy_admin_dialogs.py" line="172"/>
        <source>密码(&amp;P)：</source>
        <translation>&amp;PIN:</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/deputy_admin_dialogs.py" line="172"/>
        <source>密码</source>
        <translation>PIN</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/deputy_admin_dialogs.py" line="176"/>
        <source>再输一次(&amp;R)：</source>
        <translation>Ag&amp;ain:</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/deputy_admin_dialogs.py" line="176"/>
        <source>再输一次密码</source>
        <translation>Repeat the PIN</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/deputy_admin_dialogs.py" line="181"/>
        <source>开通(&amp;O)</source>
        <translation>&amp;Open</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/deputy_admin_dialogs.py" line="181"/>
        <source>重置(&amp;O)</source>
        <translation>&amp;Reset</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/deputy_admin_dialogs.py" line="181"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/deputy_admin_dialogs.py" line="197"/>
        <source>两次输入的密码不一样，请再输一次。</source>
        <translation>The two PINs differ; please type it again.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/deputy_admin_dialogs.py" line="203"/>
        <source>请为新账号设一个密码（4–12 位数字）。</source>
        <translation>Set a PIN for the new account (4–12 digits).</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/deputy_admin_dialogs.py" line="206"/>
        <source>已开通：登录名 {0}。请把密码当面告诉代表本人。</source>
        <translation>Opened: login {0}. Tell the deputy the PIN in person.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/deputy_admin_dialogs.py" line="209"/>
        <source>密码已重置。</source>
        <translation>The PIN has been reset.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/deputy_admin_dialogs.py" line="210"/>
        <source>新密码是 {0}，只显示这一次，请当面告诉代表本人。</source>
        <translation>The new PIN is {0}. It is shown only this once: tell the deputy in person.</translation>
    </message>
</context>
<context>
    <name>ActionDialog</name>
    <message>
        <location filename="../../liaison_desk/ui/action_dialog.py" line="71"/>
        <source>第{0}级</source>
        <translation>Level {0}</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/action_dialog.py" line="125"/>
        <source>案件办理 — {0}</source>
        <translation>Case action — {0}</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/action_dialog.py" line="145"/>
        <source>回电对象</source>
        <translation>Whom to call</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/action_dialog.py" line="149"/>
        <source>确定(&amp;O)</source>
        <translation>&amp;OK</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/action_dialog.py" line="150"/>
        <source>确定</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/action_dialog.py" line="152"/>
        <location filename="../../liaison_desk/ui/action_dialog.py" line="153"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/action_dialog.py" line="171"/>
        <location filename="../../liaison_desk/ui/action_dialog.py" line="196"/>
        <source>（请选择）</source>
        <translation>(choose)</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/action_dialog.py" line="175"/>
        <source>承办单位(&amp;D)：</source>
        <translation>&amp;Department:</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/action_dialog.py" line="175"/>
        <source>承办单位</source>
        <translation>Department</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/action_dialog.py" line="180"/>
        <source> 个工作日</source>
        <translation> working days</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/action_dialog.py" line="182"/>
        <source>办理期限日期</source>
        <translation>Deadline date</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/action_dialog.py" line="186"/>
        <source>办理时限(&amp;W)：</source>
        <translation>Time limit (&amp;working days):</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/action_dialog.py" line="186"/>
        <source>办理时限（工作日）</source>
        <translation>Time limit (working days)</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/action_dialog.py" line="187"/>
        <source>按工作日计算，节假日和调休已考虑在内。</source>
        <translation>Counted in working days, with public holidays and make-up working days.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/action_dialog.py" line="188"/>
        <source>办理期限：</source>
        <translation>Deadline:</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/action_dialog.py" line="196"/>
        <source>（不填）</source>
        <translation>(none)</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/action_dialog.py" line="202"/>
        <source>回电结果(&amp;R)：</source>
        <translation>&amp;Result of the call:</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/action_dialog.py" line="202"/>
        <source>回电结果</source>
        <translation>Result of the call</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/action_dialog.py" line="203"/>
        <source>没联系上的，到下次回电日期会再提醒。</source>
        <translation>A call that did not get through comes back on the list on the next call date.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/action_dialog.py" line="205"/>
        <source>解决情况(&amp;R)：</source>
        <translation>&amp;Resolution:</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/action_dialog.py" line="205"/>
        <source>群众满意度(&amp;S)：</source>
        <translation>&amp;Satisfaction:</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/action_dialog.py" line="206"/>
        <source>解决情况</source>
        <translation>Resolution</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/action_dialog.py" line="206"/>
        <source>群众满意度</source>
        <translation>Constituent&apos;s satisfaction</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/action_dialog.py" line="215"/>
        <source>督办级别(&amp;L)：</source>
        <translation>Escalation &amp;level:</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/action_dialog.py" line="215"/>
        <source>督办级别</source>
        <translation>Escalation level</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/action_dialog.py" line="216"/>
        <source>每催办一次升一级；级别越高，越优先提醒。</source>
        <translation>Each reminder raises the level by one; higher levels are reminded first.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/action_dialog.py" line="219"/>
        <source>例如 LX01-261122-0007-V</source>
        <translation>e.g. LX01-261122-0007-V</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/action_dialog.py" line="221"/>
        <source>重复的案件编号(&amp;N)：</source>
        <translation>Duplicate of case &amp;number:</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/action_dialog.py" line="221"/>
        <source>重复的案件编号</source>
        <translation>Number of the duplicate case</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/action_dialog.py" line="235"/>
        <source>下次回电(&amp;C)：</source>
        <translation>&amp;Call again on:</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/action_dialog.py" line="235"/>
        <source>下次回电日期</source>
        <translation>Date to call again</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/action_dialog.py" line="236"/>
        <source>打通了就不用再约；没联系上默认下一个工作日。</source>
        <translation>Not needed when the call got through; if not, the next working day is offered.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/action_dialog.py" line="238"/>
        <source>回电日期(&amp;C)：</source>
        <translation>&amp;Call back on:</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/action_dialog.py" line="238"/>
        <source>约定回电日期</source>
        <translation>Call-back date</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/action_dialog.py" line="244"/>
        <source>说明（可不填）(&amp;T)：</source>
        <translation>No&amp;te (optional):</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/action_dialog.py" line="244"/>
        <source>说明(&amp;T)：</source>
        <translation>No&amp;te:</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/action_dialog.py" line="245"/>
        <source>说明</source>
        <translation>Note</translation>
    </message>
</context>
<context>
    <name>ActivitiesPage</name>
    <message>
        <location filename="../../liaison_desk/ui/activities_page.py" line="99"/>
        <source>月份</source>
        <translation>Month</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/activities_page.py" line="103"/>
        <source>{0}年{1}月</source>
        <translation>{1}/{0}</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/activities_page.py" line="105"/>
        <source>月份(&amp;M)：</source>
        <translation>&amp;Month:</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/activities_page.py" line="107"/>
        <source>◀ 上个月</source>
        <translation>◀ Previous month</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/activities_page.py" line="108"/>
        <source>下个月 ▶</source>
        <translation>Next month ▶</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/activities_page.py" line="109"/>
        <source>登记活动(&amp;N)…</source>
        <translation>&amp;New activity…</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/activities_page.py" line="110"/>
        <source>修改(&amp;E)…</source>
        <translation>&amp;Edit…</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/activities_page.py" line="111"/>
        <source>撤销活动(&amp;X)…</source>
        <translation>&amp;Withdraw…</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/activities_page.py" line="125"/>
        <source>代表活动列表</source>
        <translation>Deputy activities</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/activities_page.py" line="181"/>
        <source>本月共 {0} 次活动，走访选民 {1} 户。</source>
        <translation>{0} activities this month; {1} households visited.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/activities_page.py" line="183"/>
        <source>本月还没有登记活动。点“登记活动”记下代表们做的事，履职登记册和积分才会算上。</source>
        <translation>No activities recorded this month. Use “New activity” to record what the deputies did; the record book and the scores count only what is recorded.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/activities_page.py" line="213"/>
        <location filename="../../liaison_desk/ui/activities_page.py" line="234"/>
        <source>请先在列表里选中一条活动。</source>
        <translation>Select an activity in the list first.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/activities_page.py" line="236"/>
        <source>撤销活动</source>
        <translation>Withdraw activity</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/activities_page.py" line="237"/>
        <source>撤销“{0}”（{1}）？
撤销后这次活动不再计入履职登记册和积分，记录仍保留备查。</source>
        <translation>Withdraw “{0}” ({1})?
It will no longer count in the record book or the scores; the record is kept.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/activities_page.py" line="240"/>
        <source>撤销这次活动</source>
        <translation>Withdraw it</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/activities_page.py" line="241"/>
        <source>不撤销</source>
        <translation>Keep it</translation>
    </message>
</context>
<context>
    <name>ActivityDialog</name>
    <message>
        <location filename="../../liaison_desk/ui/activity_dialog.py" line="81"/>
        <source>修改代表活动</source>
        <translation>Edit deputy activity</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/activity_dialog.py" line="81"/>
        <source>登记代表活动</source>
        <translation>Record deputy activity</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/activity_dialog.py" line="93"/>
        <location filename="../../liaison_desk/ui/activity_dialog.py" line="134"/>
        <source>（请选择）</source>
        <translation>(choose)</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/activity_dialog.py" line="96"/>
        <source>活动类型(&amp;K)：</source>
        <translation>&amp;Kind:</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/activity_dialog.py" line="96"/>
        <source>活动类型</source>
        <translation>Kind of activity</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/activity_dialog.py" line="109"/>
        <source>日期(&amp;D)：</source>
        <translation>&amp;Date:</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/activity_dialog.py" line="109"/>
        <location filename="../../liaison_desk/ui/activity_dialog.py" line="111"/>
        <source>活动日期</source>
        <translation>Date of the activity</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/activity_dialog.py" line="115"/>
        <source>如：视察村道硬化工程</source>
        <translation>e.g. inspection of the village road works</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/activity_dialog.py" line="116"/>
        <source>主题(&amp;T)：</source>
        <translation>&amp;Title:</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/activity_dialog.py" line="116"/>
        <source>活动主题</source>
        <translation>Title</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/activity_dialog.py" line="120"/>
        <source>地点(&amp;P)：</source>
        <translation>&amp;Place:</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/activity_dialog.py" line="120"/>
        <source>活动地点</source>
        <translation>Place</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/activity_dialog.py" line="125"/>
        <source>内容(&amp;C)：</source>
        <translation>&amp;Content:</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/activity_dialog.py" line="125"/>
        <source>活动内容</source>
        <translation>Content</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/activity_dialog.py" line="129"/>
        <source>走访了多少户（必填）</source>
        <translation>Households visited (required)</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/activity_dialog.py" line="130"/>
        <source>走访户数(&amp;H)：</source>
        <translation>&amp;Households:</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/activity_dialog.py" line="131"/>
        <source>走访户数</source>
        <translation>Households visited</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/activity_dialog.py" line="137"/>
        <source>办理结果(&amp;R)：</source>
        <translation>&amp;Result:</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/activity_dialog.py" line="138"/>
        <source>建议办理结果</source>
        <translation>Outcome of the suggestion</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/activity_dialog.py" line="142"/>
        <source>输入姓名查找代表</source>
        <translation>Type a name to find a deputy</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/activity_dialog.py" line="143"/>
        <source>查找代表</source>
        <translation>Find a deputy</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/activity_dialog.py" line="146"/>
        <source>参加活动的代表（勾选）</source>
        <translation>Participating deputies (tick)</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/activity_dialog.py" line="156"/>
        <source>参加代表(&amp;M)：</source>
        <translation>&amp;Who took part:</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/activity_dialog.py" line="166"/>
        <source>保存(&amp;S)</source>
        <translation>&amp;Save</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/activity_dialog.py" line="167"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/activity_dialog.py" line="235"/>
        <source>已选 {0} 位代表</source>
        <translation>{0} deputies chosen</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/activity_dialog.py" line="278"/>
        <source>走访户数请填写整数，如 12。</source>
        <translation>Enter the households as a whole number, e.g. 12.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/activity_dialog.py" line="282"/>
        <source>请选择办理结果（刚提出、还没有答复的选“办理中”）。</source>
        <translation>Choose the outcome (“in progress” for one just made and not yet answered).</translation>
    </message>
</context>
<context>
    <name>ActivityTableModel</name>
    <message>
        <location filename="../../liaison_desk/ui/activities_page.py" line="56"/>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/activities_page.py" line="56"/>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/activities_page.py" line="56"/>
        <source>主题</source>
        <translation>Title</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/activities_page.py" line="56"/>
        <source>地点</source>
        <translation>Place</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/activities_page.py" line="56"/>
        <source>参加代表</source>
        <translation>Participants</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/activities_page.py" line="57"/>
        <source>走访户数</source>
        <translation>Households</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/activities_page.py" line="76"/>
        <source>{0} 等 {1} 人</source>
        <translation>{0} and others ({1})</translation>
    </message>
</context>
<context>
    <name>AdminPage</name>
    <message>
        <location filename="../../liaison_desk/ui/setup_wizard.py" line="207"/>
        <location filename="../../liaison_desk/ui/setup_wizard.py" line="212"/>
        <source>管理员</source>
        <translation>Administrator</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/setup_wizard.py" line="208"/>
        <source>管理员可以管理代表名单、承办单位和设置。登录名为 admin。请牢记所设密码。</source>
        <translation>The administrator manages deputies, departments and settings. The login is admin. Remember the PIN you set.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/setup_wizard.py" line="211"/>
        <source>建立联络站</source>
        <translation>Create the station</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/setup_wizard.py" line="221"/>
        <source>4–12 位数字</source>
        <translation>4–12 digits</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/setup_wizard.py" line="222"/>
        <source>再输入一次，以免输错</source>
        <translation>Type it again to avoid typos</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/setup_wizard.py" line="228"/>
        <source>管理员姓名(&amp;A)：</source>
        <translation>&amp;Administrator&apos;s name:</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/setup_wizard.py" line="228"/>
        <source>管理员姓名</source>
        <translation>Administrator&apos;s name</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/setup_wizard.py" line="229"/>
        <source>管理员密码(&amp;P)：</source>
        <translation>Administrator &amp;PIN:</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/setup_wizard.py" line="229"/>
        <source>管理员密码</source>
        <translation>Administrator PIN</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/setup_wizard.py" line="230"/>
        <source>确认密码(&amp;R)：</source>
        <translation>&amp;Repeat PIN:</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/setup_wizard.py" line="230"/>
        <source>确认管理员密码</source>
        <translation>Repeat administrator PIN</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/setup_wizard.py" line="234"/>
        <source>将要建立的联络站</source>
        <translation>The station to be created</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/setup_wizard.py" line="247"/>
        <source>按“建立联络站”后将建立：{0}（站点代码 {1}），村（社区）{2} 个。建立后站点代码不能再改；要改请先按“上一步”。</source>
        <translation>“Create the station” creates: {0} (station code {1}) with {2} villages. The code cannot be changed afterwards; to change it, press Back first.</translation>
    </message>
</context>
<context>
    <name>BackupStatus</name>
    <message>
        <location filename="../../liaison_desk/ui/backup_status.py" line="46"/>
        <source>备份状态</source>
        <translation>Backup status</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/backup_status.py" line="48"/>
        <location filename="../../liaison_desk/ui/backup_status.py" line="121"/>
        <source>备份</source>
        <translation>Back up</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/backup_status.py" line="52"/>
        <source>立即备份</source>
        <translation>Back up now</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/backup_status.py" line="54"/>
        <source>选择 U 盘备份文件夹…</source>
        <translation>Choose the USB backup folder…</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/backup_status.py" line="56"/>
        <source>不再备份到 U 盘</source>
        <translation>Stop backing up to USB</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/backup_status.py" line="101"/>
        <source>正在备份…</source>
        <translation>Backing up…</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/backup_status.py" line="123"/>
        <source>备份遇到意外问题，详细信息已写入日志。</source>
        <translation>Unexpected backup problem; details are in the log file.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/backup_status.py" line="129"/>
        <source>选择 U 盘上的备份文件夹</source>
        <translation>Choose the backup folder on the USB stick</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/backup_status.py" line="152"/>
        <source>备份状态不可用</source>
        <translation>Backup status unavailable</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/backup_status.py" line="157"/>
        <source>备份失败：{0}</source>
        <translation>Backup failed: {0}</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/backup_status.py" line="159"/>
        <source>，U 盘未备份</source>
        <translation>; no USB copy</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/backup_status.py" line="162"/>
        <source>（未设置）</source>
        <translation>(none)</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/backup_status.py" line="163"/>
        <source>最近一次备份：{0}
U 盘备份文件夹：{1}</source>
        <translation>Last backup: {0}
USB backup folder: {1}</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/backup_status.py" line="164"/>
        <source>无</source>
        <translation>none</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/backup_status.py" line="173"/>
        <source>上次备份的日期（{0}）晚于本机时钟，请核对电脑的日期和时间</source>
        <translation>The last backup is dated {0}, after this PC&apos;s clock: check the PC&apos;s date and time</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/backup_status.py" line="176"/>
        <source>还没有备份，请立即备份</source>
        <translation>No backup yet: back up now</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/backup_status.py" line="178"/>
        <source>上次备份：{0} 天前，已超过 7 天，请备份</source>
        <translation>Last backup: {0} days ago, more than 7 days: back up</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/backup_status.py" line="180"/>
        <source>上次备份：今天</source>
        <translation>Last backup: today</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/backup_status.py" line="182"/>
        <source>上次备份：{0} 天前</source>
        <translation>Last backup: {0} days ago</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/backup_status.py" line="184"/>
        <source>；有备份的日期晚于本机时钟，请核对电脑时间</source>
        <translation>; a backup is dated after this PC&apos;s clock: check the PC&apos;s time</translation>
    </message>
</context>
<context>
    <name>BriefModel</name>
    <message>
        <location filename="../../liaison_desk/ui/brief_model.py" line="31"/>
        <source>编号</source>
        <translation>Number</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/brief_model.py" line="32"/>
        <source>摘要</source>
        <translation>Summary</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/brief_model.py" line="33"/>
        <source>村（社区）</source>
        <translation>Village</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/brief_model.py" line="34"/>
        <source>颜色</source>
        <translation>Colour</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/brief_model.py" line="35"/>
        <source>紧急程度</source>
        <translation>Urgency</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/brief_model.py" line="36"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/brief_model.py" line="37"/>
        <source>期限</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/brief_model.py" line="38"/>
        <source>超期</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/brief_model.py" line="83"/>
        <source>{0} 天</source>
        <translation>{0} d</translation>
    </message>
</context>
<context>
    <name>CallbackModel</name>
    <message>
        <location filename="../../liaison_desk/ui/callbacks_page.py" line="45"/>
        <source>{0}（超期{1}天）</source>
        <translation>{0} ({1} days overdue)</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/callbacks_page.py" line="47"/>
        <source>{0}（今天）</source>
        <translation>{0} (today)</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/callbacks_page.py" line="48"/>
        <source>{0}（{1}天后）</source>
        <translation>{0} (in {1} days)</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/callbacks_page.py" line="78"/>
        <source>回电日期</source>
        <translation>Call on</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/callbacks_page.py" line="79"/>
        <source>事项</source>
        <translation>What</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/callbacks_page.py" line="80"/>
        <source>来访人</source>
        <translation>Visitor</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/callbacks_page.py" line="81"/>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/callbacks_page.py" line="82"/>
        <source>要告诉群众的</source>
        <translation>To tell the visitor</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/callbacks_page.py" line="83"/>
        <source>案件编号</source>
        <translation>Case number</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/callbacks_page.py" line="84"/>
        <source>已打</source>
        <translation>Calls so far</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/callbacks_page.py" line="91"/>
        <source>答复后回访</source>
        <translation>Follow-up after reply</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/callbacks_page.py" line="92"/>
        <source>约定回电</source>
        <translation>Promised call-back</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/callbacks_page.py" line="96"/>
        <source>（没有留电话）</source>
        <translation>(no phone number left)</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/callbacks_page.py" line="100"/>
        <source>答复：{0}</source>
        <translation>Reply: {0}</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/callbacks_page.py" line="108"/>
        <source>没联系上{0}次（{1}）</source>
        <translation>Not reached {0} times ({1})</translation>
    </message>
</context>
<context>
    <name>CallbacksPage</name>
    <message>
        <location filename="../../liaison_desk/ui/callbacks_page.py" line="142"/>
        <source>要回电和回访的群众</source>
        <translation>Visitors to call back or follow up</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/callbacks_page.py" line="147"/>
        <source>回访回电数目</source>
        <translation>Call-backs due</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/callbacks_page.py" line="148"/>
        <source>用↑↓键选中一行，打完电话按数字键记下结果（3、4、5 是群众对答复的评价，用于“答复后回访”）；按回车打开案件。</source>
        <translation>Choose a row with ↑↓ and, after the call, press a number key to record the result (3, 4, 5 are the visitor&apos;s rating of a reply, for follow-ups after a reply); Enter opens the case.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/callbacks_page.py" line="153"/>
        <source>刚刚记下的结果</source>
        <translation>Result just recorded</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/callbacks_page.py" line="161"/>
        <source>1 打通了</source>
        <translation>1 Reached</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/callbacks_page.py" line="161"/>
        <source>2 未接</source>
        <translation>2 No answer</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/callbacks_page.py" line="162"/>
        <source>3 满意</source>
        <translation>3 Satisfied</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/callbacks_page.py" line="163"/>
        <source>4 基本满意</source>
        <translation>4 Basically satisfied</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/callbacks_page.py" line="164"/>
        <source>5 不满意</source>
        <translation>5 Unsatisfied</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/callbacks_page.py" line="165"/>
        <source>6 改期…</source>
        <translation>6 New date…</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/callbacks_page.py" line="165"/>
        <source>7 其他情况…</source>
        <translation>7 Other result…</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/callbacks_page.py" line="246"/>
        <source>超期 {0} 个，今天 {1} 个，几天内 {2} 个。超期最久的排在最前面。</source>
        <translation>{0} overdue, {1} due today, {2} due within days. The longest overdue come first.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/callbacks_page.py" line="260"/>
        <source>请先选中一行。</source>
        <translation>Select a row first.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/callbacks_page.py" line="267"/>
        <source>回电给：{0}&#x3000;电话：{1}</source>
        <translation>Call: {0}   Phone: {1}</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/callbacks_page.py" line="267"/>
        <source>（没有留电话）</source>
        <translation>(no phone number left)</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/callbacks_page.py" line="287"/>
        <source>{0}：未接，下次回电 {1}。</source>
        <translation>{0}: no answer; call again on {1}.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/callbacks_page.py" line="297"/>
        <source>{0}：已记下回访结果。</source>
        <translation>{0}: the follow-up result is recorded.</translation>
    </message>
</context>
<context>
    <name>CaseListPage</name>
    <message>
        <location filename="../../liaison_desk/ui/case_list_page.py" line="96"/>
        <source>搜索：内容、来访人、编号或村名，例如 灌溉、路灯</source>
        <translation>Search content, visitor, number or village, e.g. 灌溉, 路灯</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/case_list_page.py" line="97"/>
        <source>搜索案件</source>
        <translation>Search cases</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/case_list_page.py" line="105"/>
        <source>按状态筛选案件</source>
        <translation>Filter cases by status</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/case_list_page.py" line="107"/>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/case_list_page.py" line="111"/>
        <source>按分办颜色筛选</source>
        <translation>Filter by triage colour</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/case_list_page.py" line="114"/>
        <source>全部颜色</source>
        <translation>All colours</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/case_list_page.py" line="118"/>
        <source>按类别筛选</source>
        <translation>Filter by category</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/case_list_page.py" line="120"/>
        <source>按村（社区）筛选</source>
        <translation>Filter by village</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/case_list_page.py" line="122"/>
        <source>按接待代表筛选</source>
        <translation>Filter by receiving deputy</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/case_list_page.py" line="128"/>
        <source>排序方式</source>
        <translation>Sort order</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/case_list_page.py" line="131"/>
        <source>只看超期(&amp;O)</source>
        <translation>&amp;Overdue only</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/case_list_page.py" line="132"/>
        <source>只看超期案件</source>
        <translation>Show overdue cases only</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/case_list_page.py" line="141"/>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/case_list_page.py" line="142"/>
        <source>刷新案件列表</source>
        <translation>Refresh the case list</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/case_list_page.py" line="143"/>
        <source>重新读取案件和统计数字（快捷键 F5）</source>
        <translation>Reload the cases and figures (shortcut: F5)</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/case_list_page.py" line="145"/>
        <source>案件数</source>
        <translation>Number of cases</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/case_list_page.py" line="147"/>
        <source>案件列表</source>
        <translation>Case list</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/case_list_page.py" line="157"/>
        <source>案件列表为空</source>
        <translation>The case list is empty</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/case_list_page.py" line="165"/>
        <source>搜索(&amp;Q)：</source>
        <translation>Search (&amp;Q):</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/case_list_page.py" line="175"/>
        <source>案件状态(&amp;S)：</source>
        <translation>Case &amp;status:</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/case_list_page.py" line="181"/>
        <source>排序(&amp;B)：</source>
        <translation>Sort &amp;by:</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/case_list_page.py" line="217"/>
        <source>全部类别</source>
        <translation>All categories</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/case_list_page.py" line="218"/>
        <source>全部村（社区）</source>
        <translation>All villages</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/case_list_page.py" line="219"/>
        <source>全部代表</source>
        <translation>All deputies</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/case_list_page.py" line="296"/>
        <source>还没有登记任何案件。
群众来访登记成案后，会显示在这里。</source>
        <translation>No cases have been registered yet.
Cases registered from visits will appear here.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/case_list_page.py" line="298"/>
        <source>没有状态为“{0}”的案件。</source>
        <translation>No cases with the status “{0}”.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/case_list_page.py" line="300"/>
        <source>没有符合条件的案件。</source>
        <translation>No cases match.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/case_list_page.py" line="311"/>
        <source>{0}+</source>
        <translation>{0}+</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/case_list_page.py" line="314"/>
        <source>共 {0} 件</source>
        <translation>{0} cases</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/case_list_page.py" line="322"/>
        <source>已显示 {0} 件，共 {1} 件。向下滚动可看到更多。</source>
        <translation>Showing {0} of {1} cases. Scroll down to see more.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/case_list_page.py" line="323"/>
        <source>已显示全部 {0} 件。</source>
        <translation>Showing all {0} cases.</translation>
    </message>
</context>
<context>
    <name>CaseNumberDialog</name>
    <message>
        <location filename="../../liaison_desk/ui/print_menu.py" line="224"/>
        <source>案件编号</source>
        <translation>Case number</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/print_menu.py" line="225"/>
        <source>例如 LX01-261122-0007-K</source>
        <translation>e.g. LX01-261122-0007-K</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/print_menu.py" line="229"/>
        <source>案件编号(&amp;N)：</source>
        <translation>Case &amp;number:</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/print_menu.py" line="239"/>
        <source>请填写案件编号（印在回执上）。</source>
        <translation>Type the case number (it is printed on the receipt).</translation>
    </message>
</context>
<context>
    <name>CasePage</name>
    <message>
        <location filename="../../liaison_desk/ui/case_page.py" line="133"/>
        <source>状态：</source>
        <translation>Status:</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/case_page.py" line="133"/>
        <source>分办颜色：</source>
        <translation>Triage colour:</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/case_page.py" line="134"/>
        <source>紧急程度：</source>
        <translation>Urgency:</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/case_page.py" line="134"/>
        <source>类别：</source>
        <translation>Category:</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/case_page.py" line="131"/>
        <source>村（社区）：</source>
        <translation>Village:</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/case_page.py" line="131"/>
        <source>来访人：</source>
        <translation>Visitor:</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/case_page.py" line="131"/>
        <source>联系电话：</source>
        <translation>Phone:</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/case_page.py" line="132"/>
        <source>登记时间：</source>
        <translation>Registered:</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/case_page.py" line="132"/>
        <source>接待代表：</source>
        <translation>Received by:</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/case_page.py" line="133"/>
        <source>约定回电：</source>
        <translation>Call back on:</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/case_page.py" line="134"/>
        <source>承办单位：</source>
        <translation>Department:</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/case_page.py" line="135"/>
        <source>办理期限：</source>
        <translation>Deadline:</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/case_page.py" line="135"/>
        <source>解决情况：</source>
        <translation>Resolution:</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/case_page.py" line="136"/>
        <source>满意度：</source>
        <translation>Satisfaction:</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/case_page.py" line="136"/>
        <source>督办级别：</source>
        <translation>Escalation level: </translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/case_page.py" line="151"/>
        <location filename="../../liaison_desk/ui/case_page.py" line="186"/>
        <source>反映内容</source>
        <translation>Matter raised</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/case_page.py" line="153"/>
        <location filename="../../liaison_desk/ui/case_page.py" line="188"/>
        <source>办理经过</source>
        <translation>Timeline</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/case_page.py" line="159"/>
        <source>当前身份在这个阶段没有可办理的事项。</source>
        <translation>There is nothing your role can do on this case now.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/case_page.py" line="161"/>
        <source>补打回执(&amp;P)</source>
        <translation>Re&amp;print the receipt</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/case_page.py" line="162"/>
        <source>补打回执</source>
        <translation>Reprint the receipt</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/case_page.py" line="166"/>
        <source>打印交办函(&amp;J)</source>
        <translation>Print assignment &amp;letter</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/case_page.py" line="166"/>
        <source>打印交办函</source>
        <translation>Print the assignment letter</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/case_page.py" line="167"/>
        <source>打印督办通知(&amp;U)</source>
        <translation>Print s&amp;upervision notice</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/case_page.py" line="167"/>
        <source>打印督办通知</source>
        <translation>Print the supervision notice</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/case_page.py" line="175"/>
        <source>公示摘要(&amp;S)…</source>
        <translation>Public &amp;summary…</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/case_page.py" line="180"/>
        <source>关闭(&amp;C)</source>
        <translation>&amp;Close</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/case_page.py" line="181"/>
        <source>关闭案件页</source>
        <translation>Close the case page</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/case_page.py" line="196"/>
        <source>可以办理：</source>
        <translation>Actions:</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/case_page.py" line="205"/>
        <source>打印：</source>
        <translation>Print:</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/case_page.py" line="234"/>
        <source>案件 {0}</source>
        <translation>Case {0}</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/case_page.py" line="356"/>
        <source>回电给：{0}&#x3000;电话：{1}</source>
        <translation>Call: {0}   Phone: {1}</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/case_page.py" line="356"/>
        <source>（没有留电话）</source>
        <translation>(no phone number left)</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/case_page.py" line="372"/>
        <source>回执 {0}</source>
        <translation>Receipt {0}</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/case_page.py" line="386"/>
        <source>交办函 {0}</source>
        <translation>Assignment letter {0}</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/case_page.py" line="386"/>
        <source>督办通知 {0}</source>
        <translation>Supervision notice {0}</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/case_page.py" line="176"/>
        <source>审定公示摘要</source>
        <translation>Approve the public summary</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/case_page.py" line="420"/>
        <source>公示摘要</source>
        <translation>Public summary</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/case_page.py" line="421"/>
        <source>张贴公示时这个案件印作（不超过 60 字，不写姓名和号码；清空则印村、类别和办理结果）：</source>
        <translation>On the posted notice this case reads (at most 60 characters, no names or numbers; empty prints the village, category and result):</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/case_page.py" line="423"/>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/case_page.py" line="424"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>CaseTableModel</name>
    <message>
        <location filename="../../liaison_desk/ui/case_table_model.py" line="45"/>
        <source>编号</source>
        <translation>Number</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/case_table_model.py" line="46"/>
        <source>登记日期</source>
        <translation>Registered</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/case_table_model.py" line="47"/>
        <source>摘要</source>
        <translation>Summary</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/case_table_model.py" line="48"/>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/case_table_model.py" line="49"/>
        <source>村（社区）</source>
        <translation>Village</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/case_table_model.py" line="50"/>
        <source>分办颜色</source>
        <translation>Triage</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/case_table_model.py" line="51"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/case_table_model.py" line="52"/>
        <source>承办单位</source>
        <translation>Department</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/case_table_model.py" line="53"/>
        <source>办理期限</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/case_table_model.py" line="247"/>
        <source>{0} 已超期</source>
        <translation>{0} overdue</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/case_table_model.py" line="270"/>
        <source>已超过办理期限</source>
        <translation>Past its deadline</translation>
    </message>
</context>
<context>
    <name>ConflictsDialog</name>
    <message>
        <location filename="../../liaison_desk/ui/conflicts_dialog.py" line="45"/>
        <source>两处修改（保留了较新的）</source>
        <translation>Edited in two places (newer kept)</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/conflicts_dialog.py" line="45"/>
        <source>县级平台拒收</source>
        <translation>Refused by the county hub</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/conflicts_dialog.py" line="46"/>
        <source>记录重复（暂未采用）</source>
        <translation>Duplicate record (held back)</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/conflicts_dialog.py" line="47"/>
        <source>无法应用（已暂存，自动重试）</source>
        <translation>Cannot be applied (held, retried automatically)</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/conflicts_dialog.py" line="71"/>
        <source>发现时间</source>
        <translation>Found</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/conflicts_dialog.py" line="71"/>
        <source>情况</source>
        <translation>What</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/conflicts_dialog.py" line="71"/>
        <source>记录</source>
        <translation>Record</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/conflicts_dialog.py" line="71"/>
        <source>详细</source>
        <translation>Details</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/conflicts_dialog.py" line="79"/>
        <source>“{0}”：保留 {1}；另一处改为 {2}</source>
        <translation>“{0}”: kept {1}; the other edit was {2}</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/conflicts_dialog.py" line="92"/>
        <source>（已处理）</source>
        <translation> (handled)</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/conflicts_dialog.py" line="106"/>
        <location filename="../../liaison_desk/ui/conflicts_dialog.py" line="108"/>
        <source>同步冲突</source>
        <translation>Sync conflicts</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/conflicts_dialog.py" line="110"/>
        <source>同步时不能自动处理的情况都列在这里，一条也不会丢掉。核对之后点“标记为已处理”；原来的数值仍然保存在记录中。</source>
        <translation>Everything sync could not settle by itself is listed here; nothing is dropped. After checking, click “Mark as handled”; the other value stays on record.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/conflicts_dialog.py" line="114"/>
        <source>同步冲突列表</source>
        <translation>Sync conflict list</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/conflicts_dialog.py" line="119"/>
        <source>所选冲突的详细情况</source>
        <translation>Details of the selected conflict</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/conflicts_dialog.py" line="120"/>
        <source>没有需要处理的同步冲突。</source>
        <translation>No sync conflicts to look at.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/conflicts_dialog.py" line="127"/>
        <source>也显示已处理的(&amp;A)</source>
        <translation>Show &amp;handled ones too</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/conflicts_dialog.py" line="129"/>
        <source>标记为已处理(&amp;M)</source>
        <translation>&amp;Mark as handled</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/conflicts_dialog.py" line="130"/>
        <source>标记为已处理</source>
        <translation>Mark as handled</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/conflicts_dialog.py" line="133"/>
        <source>关闭(&amp;C)</source>
        <translation>&amp;Close</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/conflicts_dialog.py" line="134"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/conflicts_dialog.py" line="178"/>
        <source>由工作人员或管理员处理。</source>
        <translation>Handled by station staff or an administrator.</translation>
    </message>
</context>
<context>
    <name>DateCheck</name>
    <message>
        <location filename="../../liaison_desk/ui/date_check.py" line="18"/>
        <source>电脑日期可能不对</source>
        <translation>The PC&apos;s date may be wrong</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/date_check.py" line="20"/>
        <source>日期正确，继续</source>
        <translation>The date is right, go on</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/date_check.py" line="21"/>
        <source>先去改日期</source>
        <translation>Fix the date first</translation>
    </message>
</context>
<context>
    <name>DateRangeDialog</name>
    <message>
        <location filename="../../liaison_desk/ui/print_menu.py" line="57"/>
        <source>开始日期</source>
        <translation>Start date</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/print_menu.py" line="57"/>
        <source>结束日期</source>
        <translation>End date</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/print_menu.py" line="63"/>
        <source>从(&amp;F)：</source>
        <translation>&amp;From:</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/print_menu.py" line="64"/>
        <source>到(&amp;T)：</source>
        <translation>&amp;To:</translation>
    </message>
</context>
<context>
    <name>DepartmentsPage</name>
    <message>
        <location filename="../../liaison_desk/ui/setup_wizard.py" line="461"/>
        <source>承办单位</source>
        <translation>Department</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/setup_wizard.py" line="462"/>
        <source>交办案件时可选的职能部门，每行一个，例如“县水利局”。也可以跳过，以后补充。</source>
        <translation>The departments cases can be assigned to, one per line, e.g. “County Water Bureau”. You may skip this and add them later.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/setup_wizard.py" line="464"/>
        <source>承办单位（每行一个）</source>
        <translation>Departments (one per line)</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/setup_wizard.py" line="465"/>
        <source>县水利局
县交警大队
县住建局</source>
        <translation>County Water Bureau
County Traffic Police
County Housing Bureau</translation>
    </message>
</context>
<context>
    <name>DeputiesPage</name>
    <message>
        <location filename="../../liaison_desk/ui/deputies_page.py" line="116"/>
        <source>输入姓名、证号或电话查找</source>
        <translation>Find by name, card number or phone</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/deputies_page.py" line="117"/>
        <source>查找代表</source>
        <translation>Find a deputy</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/deputies_page.py" line="119"/>
        <source>显示已离任(&amp;F)</source>
        <translation>Show &amp;former deputies</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/deputies_page.py" line="120"/>
        <source>新增代表(&amp;N)…</source>
        <translation>&amp;New deputy…</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/deputies_page.py" line="121"/>
        <source>修改(&amp;E)…</source>
        <translation>&amp;Edit…</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/deputies_page.py" line="122"/>
        <source>导入名单(&amp;I)…</source>
        <translation>&amp;Import list…</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/deputies_page.py" line="123"/>
        <source>办理离任(&amp;L)…</source>
        <translation>&amp;Leave office…</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/deputies_page.py" line="124"/>
        <source>开通账号(&amp;A)…</source>
        <translation>Open &amp;account…</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/deputies_page.py" line="125"/>
        <source>重置密码(&amp;R)…</source>
        <translation>&amp;Reset PIN…</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/deputies_page.py" line="142"/>
        <location filename="../../liaison_desk/ui/setup_wizard.py" line="282"/>
        <source>代表名单</source>
        <translation>Deputy list</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/deputies_page.py" line="189"/>
        <source>在任代表 {0} 位，其中 {1} 位已开通值班账号；已离任 {2} 位。</source>
        <translation>{0} deputies in office, {1} of them with a sign-in account; {2} former deputies.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/deputies_page.py" line="234"/>
        <source>请先在名单里选中一位代表。</source>
        <translation>Select a deputy in the list first.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/deputies_page.py" line="274"/>
        <source>代表名单 (*.xlsx *.csv)</source>
        <translation>Deputy lists (*.xlsx *.csv)</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/deputies_page.py" line="300"/>
        <source>已导入：新增 {0} 位，更新 {1} 位。</source>
        <translation>Imported: {0} added, {1} updated.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/deputies_page.py" line="302"/>
        <source>有 {0} 行没有导入（见导入前的清单）。</source>
        <translation>{0} rows were not imported (see the list shown before the import).</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/setup_wizard.py" line="283"/>
        <source>逐行填写进站代表，或从 Excel / CSV 文件导入。填了值班密码的代表可以签到值班。也可以跳过，以后补充。</source>
        <translation>Type the station&apos;s deputies one per row, or import them from an Excel / CSV file. Deputies given a duty PIN can sign in for duty. You may skip this and add them later.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/setup_wizard.py" line="286"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/setup_wizard.py" line="286"/>
        <location filename="../../liaison_desk/ui/setup_wizard.py" line="357"/>
        <source>代表层级</source>
        <translation>Level</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/setup_wizard.py" line="286"/>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/setup_wizard.py" line="287"/>
        <source>代表证号</source>
        <translation>Card number</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/setup_wizard.py" line="287"/>
        <source>值班密码（可不填）</source>
        <translation>Duty PIN (optional)</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/setup_wizard.py" line="288"/>
        <source>代表名单（逐行填写）</source>
        <translation>Deputies (one per row)</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/setup_wizard.py" line="299"/>
        <source>显示值班密码(&amp;W)</source>
        <translation>Sho&amp;w the duty PINs</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/setup_wizard.py" line="300"/>
        <source>显示值班密码</source>
        <translation>Show the duty PINs</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/setup_wizard.py" line="302"/>
        <source>添加一行(&amp;A)</source>
        <translation>&amp;Add a row</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/setup_wizard.py" line="303"/>
        <source>添加一行</source>
        <translation>Add a row</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/setup_wizard.py" line="305"/>
        <source>从文件导入(&amp;I)…</source>
        <translation>&amp;Import from file…</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/setup_wizard.py" line="306"/>
        <source>从文件导入代表名单</source>
        <translation>Import the deputy list from a file</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/setup_wizard.py" line="308"/>
        <source>确认导入(&amp;C)</source>
        <translation>Import now (&amp;C)</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/setup_wizard.py" line="309"/>
        <source>确认导入</source>
        <translation>Import now</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/setup_wizard.py" line="314"/>
        <source>导入预览</source>
        <translation>Import preview</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/setup_wizard.py" line="316"/>
        <source>有问题的行</source>
        <translation>Rows with problems</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/setup_wizard.py" line="323"/>
        <source>数据库恢复码</source>
        <translation>Database recovery code</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/setup_wizard.py" line="344"/>
        <source>数据库恢复码：{0}
请抄下或打印并妥善保管：换电脑时要用它解开数据库（liaison-desk recover-key）。此恢复码只显示这一次。</source>
        <translation>Database recovery code: {0}
Write it down or print it and keep it safe: a new PC needs it to open the database (liaison-desk recover-key). It is shown only once.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/deputies_page.py" line="273"/>
        <location filename="../../liaison_desk/ui/setup_wizard.py" line="385"/>
        <source>选择代表名单文件</source>
        <translation>Choose the deputy list file</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/setup_wizard.py" line="386"/>
        <source>表格文件 (*.xlsx *.csv)</source>
        <translation>Spreadsheets (*.xlsx *.csv)</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/setup_wizard.py" line="403"/>
        <source>文件 {0}：可导入 {1} 人（新增 {2}，更新 {3}），有问题的行 {4} 行。有问题的行不会导入，可改好后再导入一次。</source>
        <translation>File {0}: {1} deputies can be imported ({2} new, {3} updated); {4} rows have problems. Rows with problems are not imported; fix them and import again.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/setup_wizard.py" line="422"/>
        <source>已导入 {0} 人（新增 {1}，更新 {2}）。</source>
        <translation>Imported {0} deputies ({1} new, {2} updated).</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/setup_wizard.py" line="445"/>
        <source>第 {0} 行：{1}</source>
        <translation>Row {0}: {1}</translation>
    </message>
</context>
<context>
    <name>DeputyDialog</name>
    <message>
        <location filename="../../liaison_desk/ui/deputy_dialog.py" line="49"/>
        <source>修改代表信息</source>
        <translation>Edit deputy</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/deputy_dialog.py" line="49"/>
        <source>新增代表</source>
        <translation>New deputy</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/deputy_dialog.py" line="61"/>
        <source>姓名(&amp;N)：</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/deputy_dialog.py" line="61"/>
        <source>代表姓名</source>
        <translation>Deputy&apos;s name</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/deputy_dialog.py" line="63"/>
        <location filename="../../liaison_desk/ui/deputy_dialog.py" line="82"/>
        <location filename="../../liaison_desk/ui/deputy_dialog.py" line="92"/>
        <source>（请选择）</source>
        <translation>(choose)</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/deputy_dialog.py" line="66"/>
        <source>代表层级(&amp;L)：</source>
        <translation>&amp;Level:</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/deputy_dialog.py" line="66"/>
        <source>代表层级</source>
        <translation>Level</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/deputy_dialog.py" line="69"/>
        <source>代表证号(&amp;C)：</source>
        <translation>&amp;Card number:</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/deputy_dialog.py" line="69"/>
        <source>代表证号</source>
        <translation>Card number</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/deputy_dialog.py" line="70"/>
        <source>签到时可输入证号；可不填</source>
        <translation>Can be typed at sign-in; optional</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/deputy_dialog.py" line="73"/>
        <source>联系电话(&amp;P)：</source>
        <translation>&amp;Phone:</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/deputy_dialog.py" line="73"/>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/deputy_dialog.py" line="76"/>
        <source>选区(&amp;Q)：</source>
        <translation>Constit&amp;uency:</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/deputy_dialog.py" line="76"/>
        <source>选区</source>
        <translation>Constituency</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/deputy_dialog.py" line="79"/>
        <source>界别(&amp;J)：</source>
        <translation>Sec&amp;tor:</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/deputy_dialog.py" line="79"/>
        <source>界别</source>
        <translation>Sector</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/deputy_dialog.py" line="85"/>
        <source>不在本站值班</source>
        <translation>Not on duty at this station</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/deputy_dialog.py" line="86"/>
        <source>值班方式(&amp;D)：</source>
        <translation>&amp;Duty:</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/deputy_dialog.py" line="86"/>
        <source>值班方式</source>
        <translation>Duty at this station</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/deputy_dialog.py" line="89"/>
        <location filename="../../liaison_desk/ui/deputy_dialog.py" line="100"/>
        <source>可不填</source>
        <translation>Optional</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/deputy_dialog.py" line="90"/>
        <source>代表小组(&amp;G)：</source>
        <translation>&amp;Group:</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/deputy_dialog.py" line="90"/>
        <source>代表小组</source>
        <translation>Deputy group</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/deputy_dialog.py" line="95"/>
        <source>小组职务(&amp;R)：</source>
        <translation>&amp;Role in group:</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/deputy_dialog.py" line="95"/>
        <source>小组职务</source>
        <translation>Role in the group</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/deputy_dialog.py" line="97"/>
        <source>如 2022-01-01</source>
        <translation>e.g. 2022-01-01</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/deputy_dialog.py" line="98"/>
        <source>任期开始(&amp;F)：</source>
        <translation>Term &amp;from:</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/deputy_dialog.py" line="98"/>
        <source>任期开始日期</source>
        <translation>Term start date</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/deputy_dialog.py" line="101"/>
        <source>任期结束(&amp;E)：</source>
        <translation>Term &amp;ends:</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/deputy_dialog.py" line="101"/>
        <source>任期结束日期</source>
        <translation>Term end date</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/deputy_dialog.py" line="102"/>
        <source>离任请用名单上的“办理离任”</source>
        <translation>To end a term, use “Leave office” on the list</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/deputy_dialog.py" line="106"/>
        <source>保存(&amp;S)</source>
        <translation>&amp;Save</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/deputy_dialog.py" line="107"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/deputy_dialog.py" line="156"/>
        <source>请选择值班方式（不在本站值班也请选上）。</source>
        <translation>Choose the duty (choose “not on duty at this station” if so).</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/deputy_dialog.py" line="160"/>
        <source>请选择这位代表在小组里的职务。</source>
        <translation>Choose the deputy&apos;s role in the group.</translation>
    </message>
</context>
<context>
    <name>DeputyTableModel</name>
    <message>
        <location filename="../../liaison_desk/ui/deputies_page.py" line="62"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/deputies_page.py" line="62"/>
        <source>层级</source>
        <translation>Level</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/deputies_page.py" line="62"/>
        <source>代表证号</source>
        <translation>Card number</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/deputies_page.py" line="62"/>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/deputies_page.py" line="62"/>
        <source>代表小组</source>
        <translation>Group</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/deputies_page.py" line="63"/>
        <source>值班方式</source>
        <translation>Duty</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/deputies_page.py" line="63"/>
        <source>任期</source>
        <translation>Term</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/deputies_page.py" line="63"/>
        <source>值班账号</source>
        <translation>Account</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/deputies_page.py" line="63"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/deputies_page.py" line="79"/>
        <source>不在本站</source>
        <translation>Not here</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/deputies_page.py" line="83"/>
        <source>{0} 至 {1}</source>
        <translation>{0} to {1}</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/deputies_page.py" line="83"/>
        <source>{0} 起</source>
        <translation>from {0}</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/deputies_page.py" line="84"/>
        <source>至 {0}</source>
        <translation>until {0}</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/deputies_page.py" line="87"/>
        <source>未开通</source>
        <translation>none</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/deputies_page.py" line="89"/>
        <source>{0}（需重置密码）</source>
        <translation>{0} (PIN to be reset)</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/deputies_page.py" line="90"/>
        <source>{0}（已停用）</source>
        <translation>{0} (disabled)</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/deputies_page.py" line="92"/>
        <source>在任</source>
        <translation>In office</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/deputies_page.py" line="92"/>
        <source>已离任</source>
        <translation>Former</translation>
    </message>
</context>
<context>
    <name>DeputyYearDialog</name>
    <message>
        <location filename="../../liaison_desk/ui/print_menu.py" line="113"/>
        <source>代表</source>
        <translation>Deputy</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/print_menu.py" line="116"/>
        <source>，</source>
        <translation>, </translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/print_menu.py" line="116"/>
        <source>已离任</source>
        <translation>term ended</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/print_menu.py" line="117"/>
        <source>{0}（{1}）</source>
        <translation>{0} ({1})</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/print_menu.py" line="131"/>
        <source>年度</source>
        <translation>Year</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/print_menu.py" line="135"/>
        <source>代表(&amp;D)：</source>
        <translation>&amp;Deputy:</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/print_menu.py" line="136"/>
        <source>年度(&amp;Y)：</source>
        <translation>&amp;Year:</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/print_menu.py" line="140"/>
        <source>载入初稿以便修改(&amp;L)</source>
        <translation>&amp;Load the draft to edit it</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/print_menu.py" line="141"/>
        <source>载入述职报告初稿</source>
        <translation>Load the report draft</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/print_menu.py" line="145"/>
        <source>述职报告内容</source>
        <translation>Report text</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/print_menu.py" line="147"/>
        <source>留空：按本年度的履职记录自动生成初稿并打印。
也可以先载入初稿，补上“存在的不足和下一步打算”后再打印。</source>
        <translation>Leave empty to print the draft written from this year&apos;s records.
Or load the draft first, add the shortcomings and plans for next year, then print.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/print_menu.py" line="152"/>
        <source>报告内容(&amp;T)：</source>
        <translation>Report &amp;text:</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/print_menu.py" line="160"/>
        <source>本站还没有登记代表。</source>
        <translation>No deputies are registered at this station yet.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/print_menu.py" line="185"/>
        <source>请先从列表中选择代表。</source>
        <translation>Pick a deputy from the list first.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/print_menu.py" line="211"/>
        <source>请从列表中选择代表（可输入姓名或代表证号查找）。</source>
        <translation>Pick a deputy from the list (type a name or card code to find one).</translation>
    </message>
</context>
<context>
    <name>Desk</name>
    <message>
        <location filename="../../liaison_desk/ui/desk.py" line="27"/>
        <source>程序遇到意外问题，详细信息已写入日志文件。</source>
        <translation>Something unexpected went wrong. The details were written to the log file.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/desk.py" line="47"/>
        <source>确定</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/desk.py" line="84"/>
        <source>联络站值班台</source>
        <translation>LiaisonDesk</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/desk.py" line="119"/>
        <location filename="../../liaison_desk/ui/desk.py" line="124"/>
        <source>无法打开数据库</source>
        <translation>Cannot open the database</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/desk.py" line="125"/>
        <location filename="../../liaison_desk/ui/start_screen.py" line="53"/>
        <source>无法打开数据目录中的数据库：
{0}

详细信息已写入日志文件。</source>
        <translation>Cannot open the database in the data directory:
{0}

The details were written to the log file.</translation>
    </message>
</context>
<context>
    <name>DeskLock</name>
    <message>
        <location filename="../../liaison_desk/ui/desk_lock.py" line="51"/>
        <source>值班台已锁定，请输入密码解锁。</source>
        <translation>The desk is locked. Enter your PIN to unlock it.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/desk_lock.py" line="91"/>
        <source>{0} 离开时间较长，值班台已自动锁定，请输入密码解锁。</source>
        <translation>{0} was away for a while: the desk locked itself. Enter the PIN to unlock.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/desk_lock.py" line="93"/>
        <source>值班台已锁定（由 {0} 锁定），请输入密码解锁。</source>
        <translation>The desk is locked (locked by {0}). Enter the PIN to unlock.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/desk_lock.py" line="140"/>
        <source>{0} 已签退交班。请下一位值班人员签到。</source>
        <translation>{0} has signed out and handed over. Next on duty, please sign in.</translation>
    </message>
</context>
<context>
    <name>DeskMenus</name>
    <message>
        <location filename="../../liaison_desk/ui/desk_menus.py" line="34"/>
        <source>联络站值班台
版本 {0}

人大代表联络站离线值班登记系统

界面字体：霞鹜文楷（SIL OFL 1.1）</source>
        <translation>LiaisonDesk
Version {0}

Offline duty desk for deputy liaison stations

Font: LXGW WenKai (SIL OFL 1.1)</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/desk_menus.py" line="55"/>
        <source>刷新(&amp;R)</source>
        <translation>&amp;Refresh</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/desk_menus.py" line="56"/>
        <source>搜索和筛选案件(&amp;F)</source>
        <translation>Search and &amp;filter cases</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/desk_menus.py" line="57"/>
        <source>今日交接(&amp;H)</source>
        <translation>Today&apos;s &amp;handover</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/desk_menus.py" line="58"/>
        <source>来访登记(&amp;N)</source>
        <translation>&amp;New visit</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/desk_menus.py" line="59"/>
        <source>案件列表(&amp;L)</source>
        <translation>Case &amp;list</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/desk_menus.py" line="60"/>
        <source>超期提醒(&amp;O)</source>
        <translation>&amp;Overdue</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/desk_menus.py" line="61"/>
        <source>锁定值班台(&amp;K)</source>
        <translation>Loc&amp;k the desk</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/desk_menus.py" line="62"/>
        <source>签退交班(&amp;E)…</source>
        <translation>Sign out and hand over (&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/desk_menus.py" line="63"/>
        <source>值班台设置(&amp;T)…</source>
        <translation>Desk se&amp;ttings…</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/desk_menus.py" line="66"/>
        <source>退出(&amp;X)</source>
        <translation>E&amp;xit</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/desk_menus.py" line="67"/>
        <source>关于联络站值班台(&amp;A)</source>
        <translation>&amp;About LiaisonDesk</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/desk_menus.py" line="68"/>
        <source>大字模式(&amp;G)</source>
        <translation>Lar&amp;ge type</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/desk_menus.py" line="73"/>
        <source>值班(&amp;D)</source>
        <translation>&amp;Duty</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/desk_menus.py" line="79"/>
        <source>查看(&amp;V)</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/desk_menus.py" line="86"/>
        <source>帮助(&amp;H)</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/desk_menus.py" line="140"/>
        <source>关于联络站值班台</source>
        <translation>About LiaisonDesk</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/desk_menus.py" line="64"/>
        <source>重置账号密码(&amp;P)…</source>
        <translation>Reset a &amp;PIN…</translation>
    </message>
</context>
<context>
    <name>EndShiftDialog</name>
    <message>
        <location filename="../../liaison_desk/ui/end_shift_dialog.py" line="43"/>
        <source>交接单</source>
        <translation>Handover sheet</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/end_shift_dialog.py" line="48"/>
        <source>这个版本还不能打印交接单；交接内容已保存，下一班签到时会看到。</source>
        <translation>This version cannot print the handover sheet yet; the handover is saved and the next shift will see it.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/end_shift_dialog.py" line="67"/>
        <location filename="../../liaison_desk/ui/end_shift_dialog.py" line="70"/>
        <source>签退交班</source>
        <translation>Sign out and hand over</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/end_shift_dialog.py" line="74"/>
        <source>本班小结</source>
        <translation>Shift summary</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/end_shift_dialog.py" line="75"/>
        <source>下个值班日前要办的事：</source>
        <translation>To do before the next duty day:</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/end_shift_dialog.py" line="78"/>
        <source>下个值班日前要办的事</source>
        <translation>To do before the next duty day</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/end_shift_dialog.py" line="81"/>
        <source>给下一班的留言(&amp;M)：</source>
        <translation>Note for the next shift (&amp;M):</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/end_shift_dialog.py" line="84"/>
        <source>给下一班的留言</source>
        <translation>Note for the next shift</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/end_shift_dialog.py" line="85"/>
        <source>例如：王大爷下午会来问灌溉渠的事，答复已在案件里。</source>
        <translation>e.g. Mr Wang will come this afternoon about the irrigation ditch; the reply is in the case.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/end_shift_dialog.py" line="92"/>
        <source>打印交接单(&amp;P)</source>
        <translation>&amp;Print the handover sheet</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/end_shift_dialog.py" line="93"/>
        <source>打印交接单</source>
        <translation>Print the handover sheet</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/end_shift_dialog.py" line="96"/>
        <source>签退(&amp;S)</source>
        <translation>&amp;Sign out</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/end_shift_dialog.py" line="97"/>
        <source>签退</source>
        <translation>Sign out</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/end_shift_dialog.py" line="100"/>
        <source>继续值班(&amp;C)</source>
        <translation>Stay on duty (&amp;C)</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/end_shift_dialog.py" line="101"/>
        <source>继续值班</source>
        <translation>Stay on duty</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/end_shift_dialog.py" line="135"/>
        <source>本班（{0:%H:%M}–{1:%H:%M}）：来访 {2} 批，新登记案件 {3} 件，办理 {4} 项。
下个值班日：{5}。到那天为止要办的事 {6} 件（已超期 {7} 件）。</source>
        <translation>This shift ({0:%H:%M}–{1:%H:%M}): {2} visits, {3} new cases, {4} actions.
Next duty day: {5}. {6} things to do by then ({7} overdue).</translation>
    </message>
</context>
<context>
    <name>EndTermDialog</name>
    <message>
        <location filename="../../liaison_desk/ui/deputy_admin_dialogs.py" line="66"/>
        <source>办理代表离任</source>
        <translation>Deputy leaves office</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/deputy_admin_dialogs.py" line="67"/>
        <source>{0}（{1}）离任后不再出现在值班和签到名单里；以前的值班、接待和活动记录全部保留。</source>
        <translation>After leaving office, {0} ({1}) no longer appears on the roster or the sign-in list; every past shift, visit and activity is kept.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/deputy_admin_dialogs.py" line="79"/>
        <source>离任日期(&amp;D)：</source>
        <translation>Last &amp;day:</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/deputy_admin_dialogs.py" line="79"/>
        <source>离任日期</source>
        <translation>Last day in office</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/deputy_admin_dialogs.py" line="82"/>
        <source>确认离任(&amp;O)</source>
        <translation>C&amp;onfirm</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/deputy_admin_dialogs.py" line="82"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>FiguresStrip</name>
    <message>
        <location filename="../../liaison_desk/ui/figures.py" line="76"/>
        <source>已超期</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/figures.py" line="76"/>
        <source>超过办理期限还没有办结的案件（快捷键 F6 查看）</source>
        <translation>Open cases past their deadline (F6 to see them)</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/figures.py" line="77"/>
        <source>即将到期</source>
        <translation>Due soon</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/figures.py" line="77"/>
        <source>几天内到期、还没有办结的案件</source>
        <translation>Open cases due within a few days</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/figures.py" line="78"/>
        <source>案件总数</source>
        <translation>Cases</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/figures.py" line="79"/>
        <source>正在办理</source>
        <translation>Open</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/figures.py" line="79"/>
        <source>尚未办结、也未撤回的案件</source>
        <translation>Cases neither closed nor withdrawn</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/figures.py" line="80"/>
        <source>已办结</source>
        <translation>Closed</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/figures.py" line="81"/>
        <source>办结率</source>
        <translation>Closure rate</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/figures.py" line="81"/>
        <source>已办结 ÷（全部案件 − 已撤回）</source>
        <translation>Closed ÷ (all cases − withdrawn)</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/figures.py" line="82"/>
        <source>解决率</source>
        <translation>Resolution rate</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/figures.py" line="82"/>
        <source>办结的案件中，问题已解决的比例</source>
        <translation>Share of closed cases whose problem was solved</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/figures.py" line="83"/>
        <source>满意率</source>
        <translation>Satisfaction rate</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/figures.py" line="83"/>
        <source>已评价的案件中，满意和基本满意的比例</source>
        <translation>Share of rated cases rated satisfied or basically satisfied</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/figures.py" line="84"/>
        <source>待同步</source>
        <translation>To sync</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/figures.py" line="84"/>
        <source>还没有传到县级平台的变更条数</source>
        <translation>Changes not yet sent to the county hub</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/figures.py" line="120"/>
        <source>统计数字暂时算不出来，详细信息已写入日志文件。</source>
        <translation>The figures cannot be counted just now; the details are in the log file.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/figures.py" line="144"/>
        <source>全部（{0}）</source>
        <translation>All ({0})</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/figures.py" line="147"/>
        <source>{0}（{1}）</source>
        <translation>{0} ({1})</translation>
    </message>
</context>
<context>
    <name>Forms</name>
    <message>
        <location filename="../../liaison_desk/ui/forms.py" line="48"/>
        <source>操作没有完成：遇到意外问题，详细信息已写入日志文件。已填写的内容都还在。</source>
        <translation>That did not work: something unexpected happened and the details are in the log file. What you typed is still here.</translation>
    </message>
</context>
<context>
    <name>HandoverPage</name>
    <message>
        <location filename="../../liaison_desk/ui/handover_page.py" line="89"/>
        <source>今日交接</source>
        <translation>Today&apos;s handover</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/handover_page.py" line="93"/>
        <source>值班情况</source>
        <translation>Duty</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/handover_page.py" line="97"/>
        <source>上一班留言</source>
        <translation>Note from the previous shift</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/handover_page.py" line="101"/>
        <source>正在读取交接内容……</source>
        <translation>Reading the handover…</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/handover_page.py" line="102"/>
        <source>正在读取</source>
        <translation>Reading</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/handover_page.py" line="104"/>
        <source>刷新(&amp;E)</source>
        <translation>R&amp;efresh</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/handover_page.py" line="105"/>
        <source>刷新交接内容</source>
        <translation>Refresh the handover</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/handover_page.py" line="107"/>
        <source>打印交接单(&amp;J)</source>
        <translation>Print hand&amp;over sheet</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/handover_page.py" line="108"/>
        <source>打印交接单</source>
        <translation>Print the handover sheet</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/handover_page.py" line="112"/>
        <source>已超期</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/handover_page.py" line="112"/>
        <source>没有超期的案件。</source>
        <translation>No overdue cases.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/handover_page.py" line="113"/>
        <source>下个值班日前到期</source>
        <translation>Due before the next duty day</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/handover_page.py" line="113"/>
        <source>近期没有到期的案件。</source>
        <translation>Nothing is due soon.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/handover_page.py" line="114"/>
        <source>上一班留下的在办案件</source>
        <translation>Left open by the previous shift</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/handover_page.py" line="114"/>
        <source>上一班没有留下在办案件。</source>
        <translation>The previous shift left no open cases.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/handover_page.py" line="115"/>
        <source>约定回电</source>
        <translation>Call-backs promised</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/handover_page.py" line="115"/>
        <source>没有约定要回电的群众。</source>
        <translation>No call-backs promised.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/handover_page.py" line="120"/>
        <location filename="../../liaison_desk/ui/handover_page.py" line="123"/>
        <source>本班来访</source>
        <translation>Visits this shift</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/handover_page.py" line="122"/>
        <location filename="../../liaison_desk/ui/handover_page.py" line="125"/>
        <source>本班办理</source>
        <translation>Actions this shift</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/handover_page.py" line="228"/>
        <source>未签退</source>
        <translation>not signed out</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/handover_page.py" line="229"/>
        <source>{0} {1} {2}（{3}–{4}）</source>
        <translation>{0} {1} {2} ({3}–{4})</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/handover_page.py" line="232"/>
        <source>今天：{0}&#x3000;下个值班日：{1}</source>
        <translation>Today: {0}   Next duty day: {1}</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/handover_page.py" line="234"/>
        <source>本班：{0}</source>
        <translation>This shift: {0}</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/handover_page.py" line="236"/>
        <source>上一班：{0}</source>
        <translation>Previous shift: {0}</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/handover_page.py" line="239"/>
        <source>上一班留言：{0}</source>
        <translation>Note from the previous shift: {0}</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/handover_page.py" line="245"/>
        <source>本班来访：{0} 批，新登记案件 {1} 件</source>
        <translation>Visits this shift: {0}, new cases: {1}</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/handover_page.py" line="251"/>
        <source>本班办理：{0} 项</source>
        <translation>Actions this shift: {0}</translation>
    </message>
</context>
<context>
    <name>ImportPreviewDialog</name>
    <message>
        <location filename="../../liaison_desk/ui/deputy_admin_dialogs.py" line="119"/>
        <source>导入代表名单：先看一看</source>
        <translation>Import deputy list: preview</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/deputy_admin_dialogs.py" line="120"/>
        <source>文件：{0}</source>
        <translation>File: {0}</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/deputy_admin_dialogs.py" line="121"/>
        <source>将新增 {0} 位代表，更新 {1} 位代表。</source>
        <translation>{0} deputies will be added and {1} updated.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/deputy_admin_dialogs.py" line="123"/>
        <source>下面 {0} 行有问题，不会导入（其余各行照常导入）：</source>
        <translation>These {0} rows have problems and will not be imported (the other rows will):</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/deputy_admin_dialogs.py" line="128"/>
        <source>有问题的行</source>
        <translation>Rows with problems</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/deputy_admin_dialogs.py" line="133"/>
        <source>确认导入(&amp;O)</source>
        <translation>&amp;Import</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/deputy_admin_dialogs.py" line="133"/>
        <source>不导入</source>
        <translation>Don&apos;t import</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../liaison_desk/ui/window_start.py" line="31"/>
        <source>退出(&amp;X)</source>
        <translation>E&amp;xit</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/window_start.py" line="33"/>
        <source>关于联络站值班台(&amp;A)</source>
        <translation>&amp;About LiaisonDesk</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/window_start.py" line="30"/>
        <source>值班(&amp;D)</source>
        <translation>&amp;Duty</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/window_start.py" line="32"/>
        <source>帮助(&amp;H)</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/window_start.py" line="47"/>
        <source>请签到。</source>
        <translation>Please sign in.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/main_window.py" line="80"/>
        <source>无法打开数据库</source>
        <translation>Cannot open the database</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/main_window.py" line="144"/>
        <source>【培训库】这里是培训用的演示数据，人名和事项都是虚构的，不会同步到县级平台。</source>
        <translation>[TRAINING] This is demo data for training: the people and matters are made up, and nothing is sent to the county hub.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/main_window.py" line="148"/>
        <source>培训库提示</source>
        <translation>Training database notice</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/desk_pages.py" line="165"/>
        <source>今日交接</source>
        <translation>Today&apos;s handover</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/desk_pages.py" line="166"/>
        <source>来访登记</source>
        <translation>Walk-in</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/desk_pages.py" line="168"/>
        <source>超期提醒</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/desk_pages.py" line="170"/>
        <source>回访回电</source>
        <translation>Call-backs</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/desk_pages.py" line="175"/>
        <source>统计</source>
        <translation>Statistics</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/main_window.py" line="163"/>
        <source>当前值班人员</source>
        <translation>Person on duty</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/desk_pages.py" line="171"/>
        <source>值班表</source>
        <translation>Roster</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/main_window.py" line="267"/>
        <source>未签到</source>
        <translation>Not signed in</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/main_window.py" line="269"/>
        <source>值班：{0}（{1}）</source>
        <translation>On duty: {0} ({1})</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/desk_pages.py" line="167"/>
        <source>案件列表</source>
        <translation>Case list</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/main_window.py" line="218"/>
        <source>（尚未设置）</source>
        <translation>(not set up)</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/main_window.py" line="218"/>
        <location filename="../../liaison_desk/ui/window_start.py" line="27"/>
        <source>联络站值班台 — {0}</source>
        <translation>LiaisonDesk — {0}</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/main_window.py" line="219"/>
        <location filename="../../liaison_desk/ui/window_start.py" line="28"/>
        <source> 【培训库】</source>
        <translation> [TRAINING]</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/station_work_tab.py" line="192"/>
        <source>站务</source>
        <translation>Station work</translation>
    </message>
</context>
<context>
    <name>PinDelegate</name>
    <message>
        <location filename="../../liaison_desk/ui/setup_wizard.py" line="271"/>
        <source>值班密码</source>
        <translation>Duty PIN</translation>
    </message>
</context>
<context>
    <name>PreviewDialog</name>
    <message>
        <location filename="../../liaison_desk/ui/print_preview.py" line="368"/>
        <source>已打印，但没有记入打印记录，详细信息已写入日志文件。</source>
        <translation>Printed, but not entered in the print log; the details are in the log file.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/print_preview.py" line="118"/>
        <source>打印预览 — %1</source>
        <translation>Print preview — %1</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/print_preview.py" line="141"/>
        <location filename="../../liaison_desk/ui/print_preview.py" line="164"/>
        <source>共 %1 页</source>
        <translation>%1 pages</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/print_preview.py" line="144"/>
        <source>打印…</source>
        <translation>Print…</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/print_preview.py" line="145"/>
        <source>另存为 PDF…</source>
        <translation>Save as PDF…</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/print_preview.py" line="146"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/print_preview.py" line="254"/>
        <source>正在打印“%1”…</source>
        <translation>Printing &quot;%1&quot;…</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/print_preview.py" line="264"/>
        <location filename="../../liaison_desk/ui/print_preview.py" line="371"/>
        <source>打印</source>
        <translation>Print</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/print_preview.py" line="289"/>
        <source>纸张不一致</source>
        <translation>Paper differs</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/print_preview.py" line="290"/>
        <source>这份文件是按%1排版的，打印对话框里选的是%2。用哪一种纸？</source>
        <translation>This document is laid out for %1; the print dialog has %2. Which paper?</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/print_preview.py" line="292"/>
        <source>用%1（按文件）</source>
        <translation>Use %1 (as the document)</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/print_preview.py" line="294"/>
        <source>用%1（原大小居中）</source>
        <translation>Use %1 (actual size, centred)</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/print_preview.py" line="296"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/print_preview.py" line="323"/>
        <source>打印失败，详细信息已写入日志文件。</source>
        <translation>Printing failed; the details are in the log file.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/print_preview.py" line="335"/>
        <source>另存为 PDF</source>
        <translation>Save as PDF</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/print_preview.py" line="335"/>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/print_preview.py" line="354"/>
        <source>无法保存文件：%1</source>
        <translation>Cannot save the file: %1</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/print_preview.py" line="566"/>
        <source>%1 毫米卷纸</source>
        <translation>%1 mm roll</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/print_preview.py" line="570"/>
        <source>%1 纸</source>
        <translation>%1 paper</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/print_preview.py" line="571"/>
        <source>%1×%2 毫米的纸</source>
        <translation>%1×%2 mm paper</translation>
    </message>
</context>
<context>
    <name>PrintMenu</name>
    <message>
        <location filename="../../liaison_desk/ui/print_menu.py" line="83"/>
        <source>生成并预览(&amp;P)</source>
        <translation>&amp;Preview</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/print_menu.py" line="84"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/print_menu.py" line="254"/>
        <source>打印(&amp;P)</source>
        <translation>&amp;Print</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/print_menu.py" line="255"/>
        <source>来访登记簿(&amp;R)…</source>
        <translation>Visitor &amp;register…</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/print_menu.py" line="256"/>
        <source>社情民意台账（全部案件）(&amp;L)</source>
        <translation>Case &amp;ledger (all cases)</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/print_menu.py" line="257"/>
        <source>公示表(&amp;N)…</source>
        <translation>Public &amp;notice…</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/print_menu.py" line="258"/>
        <source>本月值班表(&amp;D)</source>
        <translation>This month&apos;s &amp;duty roster</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/print_menu.py" line="260"/>
        <source>代表履职登记册(&amp;B)…</source>
        <translation>Deputy&apos;s record &amp;book…</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/print_menu.py" line="261"/>
        <source>代表述职报告(&amp;S)…</source>
        <translation>Deputy&apos;s report to voter&amp;s…</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/print_menu.py" line="263"/>
        <source>交办函(&amp;A)…</source>
        <translation>&amp;Assignment letter…</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/print_menu.py" line="264"/>
        <source>督办通知(&amp;U)…</source>
        <translation>S&amp;upervision notice…</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/print_menu.py" line="277"/>
        <source>打印来访登记簿</source>
        <translation>Print the visitor register</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/print_menu.py" line="282"/>
        <source>来访登记簿</source>
        <translation>Visitor register</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/print_menu.py" line="287"/>
        <source>社情民意台账</source>
        <translation>Case ledger</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/print_menu.py" line="290"/>
        <source>打印公示表</source>
        <translation>Print the public notice</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/print_menu.py" line="295"/>
        <source>公示表</source>
        <translation>Public notice</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/print_menu.py" line="301"/>
        <source>值班表</source>
        <translation>Duty roster</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/print_menu.py" line="306"/>
        <source>打印代表履职登记册</source>
        <translation>Print a deputy&apos;s record book</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/print_menu.py" line="312"/>
        <source>履职登记册</source>
        <translation>Record book</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/print_menu.py" line="316"/>
        <source>打印代表述职报告</source>
        <translation>Print a deputy&apos;s report to voters</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/print_menu.py" line="322"/>
        <source>述职报告</source>
        <translation>Report to voters</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/print_menu.py" line="327"/>
        <source>打印交办函</source>
        <translation>Print an assignment letter</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/print_menu.py" line="332"/>
        <source>交办函 {0}</source>
        <translation>Assignment letter {0}</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/print_menu.py" line="337"/>
        <source>打印督办通知</source>
        <translation>Print a supervision notice</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/print_menu.py" line="342"/>
        <source>督办通知 {0}</source>
        <translation>Supervision notice {0}</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/print_menu.py" line="384"/>
        <source>请先签到，再打印。</source>
        <translation>Please sign in before printing.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/print_menu.py" line="404"/>
        <source>打印</source>
        <translation>Print</translation>
    </message>
</context>
<context>
    <name>PrintPreview</name>
    <message>
        <location filename="../../liaison_desk/ui/print_preview.py" line="448"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/print_preview.py" line="529"/>
        <source>%1 × %2 毫米</source>
        <translation>%1 × %2 mm</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/print_preview.py" line="669"/>
        <source>无法连接打印机，请检查打印机是否开机、是否缺纸。</source>
        <translation>Cannot reach the printer. Check that it is switched on and has paper.</translation>
    </message>
</context>
<context>
    <name>QueuePage</name>
    <message>
        <location filename="../../liaison_desk/ui/queue_page.py" line="29"/>
        <source>超期和即将到期的案件</source>
        <translation>Overdue and due-soon cases</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/queue_page.py" line="46"/>
        <source>已超期 {0} 件，几天内到期 {1} 件。超期最久、最紧急的排在最前面；按回车或双击打开案件。</source>
        <translation>{0} overdue, {1} due within a few days. The longest overdue and most urgent come first; press Enter or double-click to open a case.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/queue_page.py" line="53"/>
        <source>超期提醒（{0}）</source>
        <translation>Overdue ({0})</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/queue_page.py" line="53"/>
        <source>超期提醒</source>
        <translation>Overdue</translation>
    </message>
</context>
<context>
    <name>QuitBox</name>
    <message>
        <location filename="../../liaison_desk/ui/desk_lock.py" line="25"/>
        <source>退出值班台</source>
        <translation>Quit the desk</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/desk_lock.py" line="26"/>
        <source>{0} 的值班还没有签退。退出前要签退交班吗？</source>
        <translation>{0} has not signed out of the shift yet. Sign out and hand over before quitting?</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/desk_lock.py" line="27"/>
        <source>签退并退出：写好交班留言、签退，再关闭值班台。
不签退直接退出：这一班仍算签到，下次打开值班台时接着值班。</source>
        <translation>Sign out and quit: write the handover note, sign out, then close the desk.
Quit without signing out: the shift stays signed in and continues when the desk is opened again.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/desk_lock.py" line="29"/>
        <source>签退并退出(&amp;S)…</source>
        <translation>&amp;Sign out and quit…</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/desk_lock.py" line="30"/>
        <source>不签退直接退出(&amp;L)</source>
        <translation>Quit without signing out (&amp;L)</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/desk_lock.py" line="31"/>
        <source>取消(&amp;C)</source>
        <translation>&amp;Cancel</translation>
    </message>
</context>
<context>
    <name>RecoveryCodeDialog</name>
    <message>
        <location filename="../../liaison_desk/ui/recovery_code_dialog.py" line="59"/>
        <location filename="../../liaison_desk/ui/recovery_code_dialog.py" line="65"/>
        <source>数据库恢复码</source>
        <translation>Database recovery code</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/recovery_code_dialog.py" line="61"/>
        <source>本站的数据库已在升级时加密，但还没有恢复码。下面是新生成的恢复码：</source>
        <translation>This station&apos;s database was encrypted during an upgrade but has no recovery code yet. Here is a new one:</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/recovery_code_dialog.py" line="73"/>
        <source>请抄下或打印并妥善保管：换电脑时要用它解开数据库（liaison-desk recover-key）。此恢复码只显示这一次。</source>
        <translation>Write it down or print it and keep it safe: it unlocks the database on a new PC (liaison-desk recover-key). This code is shown only this once.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/recovery_code_dialog.py" line="80"/>
        <source>打印(&amp;P)…</source>
        <translation>&amp;Print…</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/recovery_code_dialog.py" line="81"/>
        <source>打印恢复码</source>
        <translation>Print the recovery code</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/recovery_code_dialog.py" line="83"/>
        <source>我已抄写保存(&amp;S)</source>
        <translation>I have written it down and &amp;stored it</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/recovery_code_dialog.py" line="84"/>
        <source>我已抄写保存</source>
        <translation>I have written it down and stored it</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/recovery_code_dialog.py" line="85"/>
        <source>关闭(&amp;C)</source>
        <translation>&amp;Close</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/recovery_code_dialog.py" line="107"/>
        <source>联络站数据库恢复码</source>
        <translation>Liaison station database recovery code</translation>
    </message>
</context>
<context>
    <name>ReferencePage</name>
    <message>
        <location filename="../../liaison_desk/ui/reference_page.py" line="73"/>
        <source>在用</source>
        <translation>In use</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/reference_page.py" line="74"/>
        <source>已停用</source>
        <translation>Stopped</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/reference_page.py" line="76"/>
        <source>{0} 次来访</source>
        <translation>{0} visits</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/reference_page.py" line="77"/>
        <source>{0} 件</source>
        <translation>{0} cases</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/reference_page.py" line="83"/>
        <location filename="../../liaison_desk/ui/reference_page.py" line="114"/>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/reference_page.py" line="84"/>
        <source>简称</source>
        <translation>Short name</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/reference_page.py" line="85"/>
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/reference_page.py" line="86"/>
        <source>使用情况</source>
        <translation>Used by</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/reference_page.py" line="102"/>
        <location filename="../../liaison_desk/ui/reference_page.py" line="343"/>
        <source>放假</source>
        <translation>Holiday</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/reference_page.py" line="103"/>
        <location filename="../../liaison_desk/ui/reference_page.py" line="344"/>
        <source>调休上班</source>
        <translation>Make-up working day</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/reference_page.py" line="106"/>
        <source>本站设置</source>
        <translation>This station</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/reference_page.py" line="107"/>
        <source>国家安排</source>
        <translation>National calendar</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/reference_page.py" line="113"/>
        <location filename="../../liaison_desk/ui/reference_page.py" line="348"/>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/reference_page.py" line="113"/>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/reference_page.py" line="115"/>
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/reference_page.py" line="163"/>
        <source>请先签到。</source>
        <translation>Sign in first.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/reference_page.py" line="172"/>
        <source>操作没有完成：遇到意外问题，详细信息已写入日志文件。已填写的内容都还在。</source>
        <translation>Not done: something unexpected happened; the details are in the log file. What you typed is still here.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/reference_page.py" line="201"/>
        <source>新的名称(&amp;N)：</source>
        <translation>New &amp;name:</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/reference_page.py" line="202"/>
        <source>新的{0}名称</source>
        <translation>New {0} name</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/reference_page.py" line="204"/>
        <source>简称(&amp;J)：</source>
        <translation>Short name (&amp;J):</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/reference_page.py" line="205"/>
        <source>承办单位简称</source>
        <translation>Department short name</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/reference_page.py" line="206"/>
        <source>可不填；打印和列表中用，如“水利局”。</source>
        <translation>Optional; used on paper and in lists, e.g. 水利局.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/reference_page.py" line="207"/>
        <source>添加(&amp;A)</source>
        <translation>&amp;Add</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/reference_page.py" line="208"/>
        <source>改名…</source>
        <translation>Rename…</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/reference_page.py" line="209"/>
        <location filename="../../liaison_desk/ui/reference_page.py" line="247"/>
        <source>停用</source>
        <translation>Stop using</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/reference_page.py" line="210"/>
        <source>不再使用的请“停用”：已登记的案件仍保留原来的记录，登记表里不再出现。</source>
        <translation>Stop using what is no longer needed: recorded cases keep it, the forms no longer offer it.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/reference_page.py" line="246"/>
        <source>恢复使用</source>
        <translation>Use again</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/reference_page.py" line="257"/>
        <source>已添加“{0}”。</source>
        <translation>Added “{0}”.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/reference_page.py" line="269"/>
        <source>已恢复使用“{0}”。</source>
        <translation>“{0}” is in use again.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/reference_page.py" line="270"/>
        <source>已停用“{0}”。</source>
        <translation>Stopped using “{0}”.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/reference_page.py" line="336"/>
        <source>年份</source>
        <translation>Year</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/reference_page.py" line="338"/>
        <source>节假日和调休上班日</source>
        <translation>Holidays and make-up working days</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/reference_page.py" line="342"/>
        <source>（请选择）</source>
        <translation>(choose)</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/reference_page.py" line="347"/>
        <source>日期(&amp;D)：</source>
        <translation>&amp;Date:</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/reference_page.py" line="349"/>
        <source>这一天(&amp;K)：</source>
        <translation>That day (&amp;K):</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/reference_page.py" line="350"/>
        <source>放假还是调休上班</source>
        <translation>Holiday or make-up working day</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/reference_page.py" line="351"/>
        <source>名称(&amp;N)：</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/reference_page.py" line="352"/>
        <source>节日名称</source>
        <translation>Holiday name</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/reference_page.py" line="353"/>
        <source>如“春节”“村里庙会”；可不填。</source>
        <translation>E.g. 春节 or a village fair; optional.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/reference_page.py" line="354"/>
        <source>保存这一天(&amp;S)</source>
        <translation>&amp;Save this day</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/reference_page.py" line="355"/>
        <source>恢复国家安排</source>
        <translation>Back to the national calendar</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/reference_page.py" line="356"/>
        <source>值班表不在放假日排班；每个工作日都接待的联络站，调休上班日也排班。办理期限按工作日计算。</source>
        <translation>The roster plans no holidays; a station open every working day is also planned on make-up working days. Deadlines count working days.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/reference_page.py" line="360"/>
        <source>年份(&amp;Y)：</source>
        <translation>&amp;Year:</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/reference_page.py" line="404"/>
        <source>请选择这一天是放假还是调休上班。</source>
        <translation>Choose whether the day is a holiday or a make-up working day.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/reference_page.py" line="414"/>
        <source>已保存 {0:%Y-%m-%d} 的安排。</source>
        <translation>Saved {0:%Y-%m-%d}.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/reference_page.py" line="425"/>
        <source>{0:%Y-%m-%d} 已恢复国家安排。</source>
        <translation>{0:%Y-%m-%d} follows the national calendar again.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/reference_page.py" line="437"/>
        <source>基础资料</source>
        <translation>Reference lists</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/reference_page.py" line="438"/>
        <location filename="../../liaison_desk/ui/reference_page.py" line="442"/>
        <source>承办单位</source>
        <translation>Departments</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/reference_page.py" line="439"/>
        <location filename="../../liaison_desk/ui/reference_page.py" line="443"/>
        <source>问题类别</source>
        <translation>Categories</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/reference_page.py" line="440"/>
        <source>村（社区）</source>
        <translation>village (community)</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/reference_page.py" line="444"/>
        <source>村/社区</source>
        <translation>Villages</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/reference_page.py" line="445"/>
        <source>节假日</source>
        <translation>Holidays</translation>
    </message>
</context>
<context>
    <name>RenameDialog</name>
    <message>
        <location filename="../../liaison_desk/ui/reference_page.py" line="290"/>
        <source>改名</source>
        <translation>Rename</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/reference_page.py" line="299"/>
        <source>名称(&amp;N)：</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/reference_page.py" line="299"/>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/reference_page.py" line="301"/>
        <source>简称(&amp;J)：</source>
        <translation>Short name (&amp;J):</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/reference_page.py" line="301"/>
        <source>简称</source>
        <translation>Short name</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/reference_page.py" line="302"/>
        <source>保存(&amp;S)</source>
        <translation>&amp;Save</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/reference_page.py" line="303"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/reference_page.py" line="322"/>
        <source>已改名为“{0}”。</source>
        <translation>Renamed to “{0}”.</translation>
    </message>
</context>
<context>
    <name>ResetPinDialog</name>
    <message>
        <location filename="../../liaison_desk/ui/reset_pin_dialog.py" line="48"/>
        <source>4–12 位数字；不填则自动生成</source>
        <translation>4-12 digits; leave empty to generate one</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/reset_pin_dialog.py" line="75"/>
        <source>两次输入的新密码不一致。</source>
        <translation>The two new PINs differ.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/reset_pin_dialog.py" line="37"/>
        <source>值班代表</source>
        <translation>Duty deputy</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/reset_pin_dialog.py" line="62"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/reset_pin_dialog.py" line="58"/>
        <source>再输一次(&amp;R)：</source>
        <translation>&amp;Repeat:</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/reset_pin_dialog.py" line="51"/>
        <source>再输一次新密码</source>
        <translation>Repeat the new PIN</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/reset_pin_dialog.py" line="37"/>
        <source>工作人员</source>
        <translation>Staff</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/reset_pin_dialog.py" line="91"/>
        <source>已重置 {0} 的密码。</source>
        <translation>The PIN of {0} was reset.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/reset_pin_dialog.py" line="93"/>
        <source>已重置 {0} 的密码，新密码：{1}（请转告本人，此密码只显示这一次）。</source>
        <translation>The PIN of {0} was reset. New PIN: {1} (tell its owner: it is shown only once).</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/reset_pin_dialog.py" line="47"/>
        <source>新密码</source>
        <translation>New PIN</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/reset_pin_dialog.py" line="57"/>
        <source>新密码(&amp;P)：</source>
        <translation>New &amp;PIN:</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/reset_pin_dialog.py" line="38"/>
        <source>管理员</source>
        <translation>Administrator</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/reset_pin_dialog.py" line="79"/>
        <source>请先选择账号。</source>
        <translation>Choose an account first.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/reset_pin_dialog.py" line="40"/>
        <source>账号</source>
        <translation>Account</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/reset_pin_dialog.py" line="56"/>
        <source>账号(&amp;A)：</source>
        <translation>&amp;Account:</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/reset_pin_dialog.py" line="61"/>
        <source>重置密码</source>
        <translation>Reset PIN</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/reset_pin_dialog.py" line="35"/>
        <source>重置账号密码</source>
        <translation>Reset a PIN</translation>
    </message>
</context>
<context>
    <name>RosterDialogs</name>
    <message>
        <location filename="../../liaison_desk/ui/roster_dialogs.py" line="56"/>
        <source>上午</source>
        <translation>Morning</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/roster_dialogs.py" line="56"/>
        <source>下午</source>
        <translation>Afternoon</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/roster_dialogs.py" line="56"/>
        <source>全天</source>
        <translation>All day</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/roster_dialogs.py" line="60"/>
        <source>{0}月{1}日（周{2}）</source>
        <translation>{1}/{0} ({2})</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/roster_dialogs.py" line="79"/>
        <source>（请选择）</source>
        <translation>(choose)</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/roster_dialogs.py" line="108"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/roster_dialogs.py" line="128"/>
        <source>操作没有完成：遇到意外问题，详细信息已写入日志文件。已填写的内容都还在。</source>
        <translation>Not done: something unexpected happened; the details are in the log file. What you typed is still here.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/roster_dialogs.py" line="139"/>
        <source>生成排班</source>
        <translation>Generate roster</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/roster_dialogs.py" line="143"/>
        <location filename="../../liaison_desk/ui/roster_dialogs.py" line="340"/>
        <source>开始日期(&amp;F)：</source>
        <translation>&amp;From:</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/roster_dialogs.py" line="143"/>
        <source>开始日期</source>
        <translation>First day</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/roster_dialogs.py" line="144"/>
        <location filename="../../liaison_desk/ui/roster_dialogs.py" line="341"/>
        <source>结束日期(&amp;T)：</source>
        <translation>&amp;To:</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/roster_dialogs.py" line="144"/>
        <source>结束日期</source>
        <translation>Last day</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/roster_dialogs.py" line="145"/>
        <source>先预览，确认无误再保存。保存会替换这段时间原有的排班（包括换班、替班）。没有值班账号的代表不排班；节假日不排班。</source>
        <translation>Preview first, save when it is right. Saving replaces the period&apos;s earlier plan (swaps and substitutions included). Deputies without a duty account are not planned; holidays are not planned.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/roster_dialogs.py" line="151"/>
        <source>排班提示</source>
        <translation>Roster notes</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/roster_dialogs.py" line="154"/>
        <source>排班预览</source>
        <translation>Roster preview</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/roster_dialogs.py" line="155"/>
        <source>按“预览排班”查看将要安排的班次。</source>
        <translation>Press Preview to see the slots that would be planned.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/roster_dialogs.py" line="159"/>
        <source>预览排班(&amp;P)</source>
        <translation>&amp;Preview</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/roster_dialogs.py" line="160"/>
        <source>保存排班(&amp;S)</source>
        <translation>&amp;Save roster</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/roster_dialogs.py" line="178"/>
        <source>日期改过了，请重新预览后再保存。</source>
        <translation>The dates changed: preview again before saving.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/roster_dialogs.py" line="195"/>
        <source>共 {0} 个班次。</source>
        <translation>{0} slots.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/roster_dialogs.py" line="197"/>
        <source>节假日不排班：{0}。</source>
        <translation>Holidays not planned: {0}.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/roster_dialogs.py" line="200"/>
        <source>调休上班日照常排班：{0}。</source>
        <translation>Make-up working days planned: {0}.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/roster_dialogs.py" line="202"/>
        <location filename="../../liaison_desk/ui/roster_dialogs.py" line="408"/>
        <source>注意：</source>
        <translation>Note: </translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/roster_dialogs.py" line="207"/>
        <source>请先预览这段时间的排班，再保存。</source>
        <translation>Preview this period&apos;s roster before saving it.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/roster_dialogs.py" line="229"/>
        <source>调班</source>
        <translation>Swap slots</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/roster_dialogs.py" line="235"/>
        <location filename="../../liaison_desk/ui/roster_dialogs.py" line="240"/>
        <source>第一个班次</source>
        <translation>First slot</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/roster_dialogs.py" line="236"/>
        <source>第二个班次</source>
        <translation>Second slot</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/roster_dialogs.py" line="240"/>
        <source>第一个班次(&amp;1)：</source>
        <translation>First slot (&amp;1):</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/roster_dialogs.py" line="241"/>
        <source>与之对调(&amp;2)：</source>
        <translation>Swap with (&amp;2):</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/roster_dialogs.py" line="241"/>
        <source>与之对调的班次</source>
        <translation>Slot to swap with</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/roster_dialogs.py" line="242"/>
        <location filename="../../liaison_desk/ui/roster_dialogs.py" line="294"/>
        <location filename="../../liaison_desk/ui/roster_dialogs.py" line="342"/>
        <source>原因(&amp;R)：</source>
        <translation>&amp;Reason:</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/roster_dialogs.py" line="242"/>
        <source>调班原因</source>
        <translation>Reason for the swap</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/roster_dialogs.py" line="245"/>
        <source>登记调班(&amp;S)</source>
        <translation>&amp;Record swap</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/roster_dialogs.py" line="254"/>
        <source>请选择第一个班次。</source>
        <translation>Choose the first slot.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/roster_dialogs.py" line="257"/>
        <source>请选择与之对调的班次。</source>
        <translation>Choose the slot to swap with.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/roster_dialogs.py" line="278"/>
        <source>替班</source>
        <translation>Substitute</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/roster_dialogs.py" line="282"/>
        <location filename="../../liaison_desk/ui/roster_dialogs.py" line="291"/>
        <source>要替的班次</source>
        <translation>Slot to cover</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/roster_dialogs.py" line="289"/>
        <location filename="../../liaison_desk/ui/roster_dialogs.py" line="292"/>
        <source>替班代表</source>
        <translation>Substitute deputy</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/roster_dialogs.py" line="291"/>
        <source>班次(&amp;B)：</source>
        <translation>Sl&amp;ot:</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/roster_dialogs.py" line="292"/>
        <source>替班代表(&amp;D)：</source>
        <translation>Substitute (&amp;D):</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/roster_dialogs.py" line="293"/>
        <source>只列出有值班账号的代表。</source>
        <translation>Only deputies with a duty account are listed.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/roster_dialogs.py" line="294"/>
        <source>替班原因</source>
        <translation>Reason for the substitution</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/roster_dialogs.py" line="296"/>
        <source>登记替班(&amp;S)</source>
        <translation>&amp;Record substitution</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/roster_dialogs.py" line="305"/>
        <source>请选择要替的班次。</source>
        <translation>Choose the slot to cover.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/roster_dialogs.py" line="308"/>
        <source>请选择替班代表。</source>
        <translation>Choose the substitute.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/roster_dialogs.py" line="329"/>
        <source>请假</source>
        <translation>Leave</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/roster_dialogs.py" line="335"/>
        <location filename="../../liaison_desk/ui/roster_dialogs.py" line="339"/>
        <source>请假代表</source>
        <translation>Deputy on leave</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/roster_dialogs.py" line="339"/>
        <source>代表(&amp;D)：</source>
        <translation>&amp;Deputy:</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/roster_dialogs.py" line="340"/>
        <source>请假开始日期</source>
        <translation>First day of leave</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/roster_dialogs.py" line="341"/>
        <source>请假结束日期</source>
        <translation>Last day of leave</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/roster_dialogs.py" line="342"/>
        <source>请假原因</source>
        <translation>Reason for the leave</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/roster_dialogs.py" line="343"/>
        <source>登记请假(&amp;S)</source>
        <translation>&amp;Record leave</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/roster_dialogs.py" line="349"/>
        <source>请假期间已排的班次</source>
        <translation>Slots planned during the leave</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/roster_dialogs.py" line="350"/>
        <source>重新排这几天的班(&amp;P)</source>
        <translation>Re-&amp;plan those days</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/roster_dialogs.py" line="351"/>
        <source>逐个安排替班(&amp;B)</source>
        <translation>Su&amp;bstitute slot by slot</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/roster_dialogs.py" line="352"/>
        <source>以后再说(&amp;L)</source>
        <translation>&amp;Later</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/roster_dialogs.py" line="375"/>
        <source>请选择请假的代表。</source>
        <translation>Choose the deputy on leave.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/roster_dialogs.py" line="387"/>
        <source>已登记{0}的请假。这段时间没有给{0}排班。</source>
        <translation>{0}&apos;s leave is recorded. {0} has no slot planned in that time.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/roster_dialogs.py" line="390"/>
        <location filename="../../liaison_desk/ui/roster_dialogs.py" line="414"/>
        <location filename="../../liaison_desk/ui/roster_dialogs.py" line="445"/>
        <source>完成(&amp;O)</source>
        <translation>D&amp;one</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/roster_dialogs.py" line="392"/>
        <source>已登记{0}的请假。{0}在这段时间已排班 {1} 次：{2}。请选择怎么处理（重新排班会替换这几天原有的排班，包括换班、替班）：</source>
        <translation>{0}&apos;s leave is recorded. {0} is planned {1} times in that time: {2}. Choose what to do (re-planning replaces those days&apos; plan, swaps and substitutions included):</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/roster_dialogs.py" line="409"/>
        <source>已重新排好 {0} 至 {1} 的班，共 {2} 个班次。</source>
        <translation>Re-planned {0} to {1}: {2} slots.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/roster_dialogs.py" line="439"/>
        <source>还有 {0} 个班次需要安排：{1}。</source>
        <translation>{0} slots still to cover: {1}.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/roster_dialogs.py" line="442"/>
        <source>请假期间的班次都已安排替班。</source>
        <translation>Every slot of the leave has a substitute.</translation>
    </message>
</context>
<context>
    <name>RosterTab</name>
    <message>
        <location filename="../../liaison_desk/ui/roster_tab.py" line="41"/>
        <source>值班表暂时打不开，详细信息已写入日志文件。</source>
        <translation>The roster cannot be opened just now; the details are in the log file.</translation>
    </message>
</context>
<context>
    <name>RosterView</name>
    <message>
        <location filename="../../liaison_desk/ui/roster_view.py" line="76"/>
        <source>周一</source>
        <translation>Mon</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/roster_view.py" line="76"/>
        <source>周二</source>
        <translation>Tue</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/roster_view.py" line="76"/>
        <source>周三</source>
        <translation>Wed</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/roster_view.py" line="76"/>
        <source>周四</source>
        <translation>Thu</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/roster_view.py" line="76"/>
        <source>周五</source>
        <translation>Fri</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/roster_view.py" line="76"/>
        <source>周六</source>
        <translation>Sat</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/roster_view.py" line="76"/>
        <source>周日</source>
        <translation>Sun</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/roster_view.py" line="80"/>
        <source>上午</source>
        <translation>AM</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/roster_view.py" line="80"/>
        <source>下午</source>
        <translation>PM</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/roster_view.py" line="80"/>
        <source>全天</source>
        <translation>All day</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/roster_view.py" line="84"/>
        <source>已到岗</source>
        <translation>came</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/roster_view.py" line="84"/>
        <source>在岗</source>
        <translation>on duty</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/roster_view.py" line="84"/>
        <source>缺勤</source>
        <translation>missed</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/roster_view.py" line="84"/>
        <source>待值班</source>
        <translation>to come</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/roster_view.py" line="85"/>
        <source>计划外到岗</source>
        <translation>came unplanned</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/roster_view.py" line="146"/>
        <source>无值班安排</source>
        <translation>No duty planned</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/roster_view.py" line="148"/>
        <source>{0}月{1}日 {2}</source>
        <translation>{1}/{0} {2}</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/roster_view.py" line="175"/>
        <source>节假日：{0}</source>
        <translation>Holiday: {0}</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/roster_view.py" line="177"/>
        <source>调休上班</source>
        <translation>Make-up working day</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/roster_view.py" line="179"/>
        <source>休息</source>
        <translation>No reception</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/roster_view.py" line="181"/>
        <source>未排班</source>
        <translation>Nobody planned</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/roster_view.py" line="195"/>
        <source>［替班］</source>
        <translation> [substitute]</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/roster_view.py" line="197"/>
        <source>［换班］</source>
        <translation> [swap]</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/roster_view.py" line="206"/>
        <source>第{0}周</source>
        <translation>Week {0}</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/roster_view.py" line="230"/>
        <source>上月</source>
        <translation>Previous month</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/roster_view.py" line="231"/>
        <source>本月</source>
        <translation>This month</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/roster_view.py" line="232"/>
        <source>下月</source>
        <translation>Next month</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/roster_view.py" line="244"/>
        <source>每格一天：日期、休息或节假日、各班次的值班代表和到岗情况。方向键换日期，回车打开这一天。</source>
        <translation>One cell per day: the date, no reception or holiday, each slot&apos;s deputy and attendance. Arrow keys move between days, Enter opens the day.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/roster_view.py" line="260"/>
        <location filename="../../liaison_desk/ui/roster_view.py" line="438"/>
        <source>生成排班…</source>
        <translation>Generate roster…</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/roster_view.py" line="261"/>
        <location filename="../../liaison_desk/ui/roster_view.py" line="439"/>
        <source>调班…</source>
        <translation>Swap…</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/roster_view.py" line="262"/>
        <location filename="../../liaison_desk/ui/roster_view.py" line="440"/>
        <source>替班…</source>
        <translation>Substitute…</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/roster_view.py" line="263"/>
        <location filename="../../liaison_desk/ui/roster_view.py" line="441"/>
        <source>请假…</source>
        <translation>Leave…</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/roster_view.py" line="386"/>
        <source>操作没有完成：遇到意外问题，详细信息已写入日志文件。</source>
        <translation>Not done: something unexpected happened; the details are in the log file.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/roster_view.py" line="437"/>
        <source>值班安排</source>
        <translation>Roster planning</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/roster_view.py" line="301"/>
        <source>{0}年{1}月 值班安排</source>
        <translation>Duty roster {0}-{1}</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/roster_view.py" line="302"/>
        <source>{0}年{1}月值班日历</source>
        <translation>Duty calendar, {1}/{0}</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/roster_view.py" line="316"/>
        <source>固定在站：{0}</source>
        <translation>Keeps the station: {0}</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/roster_view.py" line="331"/>
        <source>✓ 已到岗&#x3000;● 在岗&#x3000;✗ 缺勤&#x3000;＋ 计划外到岗&#x3000;［换班］［替班］</source>
        <translation>✓ came  ● on duty  ✗ missed  ＋ unplanned  [swap] [substitute]</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/roster_view.py" line="332"/>
        <source>本月缺勤 {0} 班</source>
        <translation>{0} missed this month</translation>
    </message>
</context>
<context>
    <name>Section</name>
    <message>
        <location filename="../../liaison_desk/ui/handover_page.py" line="66"/>
        <source>{0}（显示前 {1} 件）</source>
        <translation>{0} (first {1} shown)</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/handover_page.py" line="67"/>
        <source>{0}：{1} 件</source>
        <translation>{0}: {1}</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../liaison_desk/ui/settings_dialog.py" line="134"/>
        <source>本机</source>
        <translation>This PC</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/settings_dialog.py" line="134"/>
        <source>纸面信息</source>
        <translation>On paper</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/settings_dialog.py" line="96"/>
        <source>这些内容印在回执、交办函和督办通知上，全站通用。</source>
        <translation>Printed on receipts, assignment letters and supervision notices; the same for the whole station.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/settings_dialog.py" line="107"/>
        <source>站点电话(&amp;P)：</source>
        <translation>Station &amp;phone:</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/settings_dialog.py" line="107"/>
        <source>站点电话</source>
        <translation>Station phone</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/settings_dialog.py" line="101"/>
        <source>如 0551-62612345（座机带区号）</source>
        <translation>e.g. 0551-62612345 (landline with area code)</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/settings_dialog.py" line="108"/>
        <source>站点地址(&amp;A)：</source>
        <translation>Station &amp;address:</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/settings_dialog.py" line="108"/>
        <source>站点地址</source>
        <translation>Station address</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/settings_dialog.py" line="102"/>
        <source>如 河口镇柳树湾村村委会一楼</source>
        <translation>e.g. Village committee, ground floor</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/settings_dialog.py" line="109"/>
        <source>接待时间(&amp;H)：</source>
        <translation>Reception &amp;hours:</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/settings_dialog.py" line="109"/>
        <source>接待时间</source>
        <translation>Reception hours</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/settings_dialog.py" line="103"/>
        <source>如 每周二、周五 9:00—12:00</source>
        <translation>e.g. Tue and Fri 9:00–12:00</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/settings_dialog.py" line="110"/>
        <source>发文机关代字(&amp;O)：</source>
        <translation>&amp;Office short name:</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/settings_dialog.py" line="110"/>
        <source>发文机关代字</source>
        <translation>Office short name</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/settings_dialog.py" line="104"/>
        <source>如 河口人联</source>
        <translation>e.g. 河口人联</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/settings_dialog.py" line="111"/>
        <source>不填：乡镇名前两字加“人联”</source>
        <translation>Empty: the township&apos;s first two characters + 人联</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/settings_dialog.py" line="112"/>
        <source>抄送(&amp;C)：</source>
        <translation>&amp;Copy to:</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/settings_dialog.py" line="112"/>
        <source>抄送</source>
        <translation>Copy to</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/settings_dialog.py" line="105"/>
        <source>如 县人大常委会代表工作委员会</source>
        <translation>e.g. the county people&apos;s congress deputies&apos; committee</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/settings_dialog.py" line="113"/>
        <source>交办函的抄送；不填：本乡镇人大主席团</source>
        <translation>Copy of assignment letters; empty: the township congress presidium</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/settings_dialog.py" line="42"/>
        <location filename="../../liaison_desk/ui/settings_dialog.py" line="131"/>
        <source>值班台设置</source>
        <translation>Desk settings</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/settings_dialog.py" line="47"/>
        <source> 分钟</source>
        <translation> minutes</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/settings_dialog.py" line="48"/>
        <source>不锁定</source>
        <translation>never</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/settings_dialog.py" line="52"/>
        <source>{0} 毫米</source>
        <translation>{0} mm</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/settings_dialog.py" line="56"/>
        <source> 天</source>
        <translation> days</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/settings_dialog.py" line="60"/>
        <source> 个工作日</source>
        <translation> working days</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/settings_dialog.py" line="62"/>
        <location filename="../../liaison_desk/ui/settings_dialog.py" line="94"/>
        <source>大字模式</source>
        <translation>Large type</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/settings_dialog.py" line="89"/>
        <source>无人操作自动锁定(&amp;I)：</source>
        <translation>Lock when &amp;idle for:</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/settings_dialog.py" line="89"/>
        <source>自动锁定时间</source>
        <translation>Idle lock</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/settings_dialog.py" line="90"/>
        <source>回执纸宽(&amp;W)：</source>
        <translation>Receipt paper &amp;width:</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/settings_dialog.py" line="90"/>
        <source>回执纸宽</source>
        <translation>Receipt paper width</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/settings_dialog.py" line="91"/>
        <source>提前提醒到期(&amp;D)：</source>
        <translation>Warn of &amp;deadlines:</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/settings_dialog.py" line="91"/>
        <source>提前几天提醒到期</source>
        <translation>Days before a deadline to warn</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/settings_dialog.py" line="92"/>
        <source>默认办理时限(&amp;L)：</source>
        <translation>Default time &amp;limit:</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/settings_dialog.py" line="92"/>
        <source>默认办理时限</source>
        <translation>Default time limit</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/settings_dialog.py" line="106"/>
        <source>如 https://rd.example.gov.cn</source>
        <translation>e.g. https://rd.example.gov.cn</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/settings_dialog.py" line="116"/>
        <source>县级平台对群众开放的查询网址。填了，回执上印案件的查询二维码和网址，群众可在手机上查看办理进度并评价；不填，回执请群众来站或打电话询问。</source>
        <translation>The county hub&apos;s public address. When set, receipts print the case&apos;s status QR code and the address, so people can follow their case and rate it on a phone; when empty, receipts ask them to come to the station or call.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/settings_dialog.py" line="121"/>
        <source>公众查询网址(&amp;U)：</source>
        <translation>P&amp;ublic status address:</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/settings_dialog.py" line="121"/>
        <source>公众查询网址</source>
        <translation>Public status address</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/settings_dialog.py" line="124"/>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/settings_dialog.py" line="125"/>
        <source>保存设置</source>
        <translation>Save the settings</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/settings_dialog.py" line="127"/>
        <location filename="../../liaison_desk/ui/settings_dialog.py" line="128"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/settings_dialog.py" line="134"/>
        <source>网上查询</source>
        <translation>Online status</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/settings_dialog.py" line="152"/>
        <source>请先签到。</source>
        <translation>Please sign in first.</translation>
    </message>
</context>
<context>
    <name>SetupWizard</name>
    <message>
        <location filename="../../liaison_desk/ui/setup_wizard.py" line="508"/>
        <source>联络站值班台 — 首次设置</source>
        <translation>LiaisonDesk — first-run set-up</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/setup_wizard.py" line="511"/>
        <source>下一步(&amp;N) &gt;</source>
        <translation>&amp;Next &gt;</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/setup_wizard.py" line="512"/>
        <source>&lt; 上一步(&amp;B)</source>
        <translation>&lt; &amp;Back</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/setup_wizard.py" line="513"/>
        <source>完成(&amp;F)</source>
        <translation>&amp;Finish</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/setup_wizard.py" line="514"/>
        <source>退出(&amp;Q)</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/setup_wizard.py" line="533"/>
        <source>请设置管理员密码（4–12 位数字）。</source>
        <translation>Please choose an administrator PIN (4–12 digits).</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/setup_wizard.py" line="536"/>
        <source>两次输入的密码不一致，请重新输入。</source>
        <translation>The two PINs differ; please type them again.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/setup_wizard.py" line="539"/>
        <source>管理员</source>
        <translation>Administrator</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/setup_wizard.py" line="602"/>
        <location filename="../../liaison_desk/ui/setup_wizard.py" line="610"/>
        <source>正在生成演示数据，可能要等一会儿，请稍候……</source>
        <translation>Generating demo data; this may take a little while…</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/setup_wizard.py" line="609"/>
        <source>已生成来访登记 {0} 条</source>
        <translation>{0} visits generated</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/setup_wizard.py" line="623"/>
        <source>生成演示数据时遇到意外问题，详细信息已写入日志文件。</source>
        <translation>Something unexpected went wrong while generating demo data. The details were written to the log file.</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <location filename="../../liaison_desk/ui/signin_dialog.py" line="77"/>
        <source>联络站值班台 — 已锁定</source>
        <translation>LiaisonDesk — Locked</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/signin_dialog.py" line="77"/>
        <source>联络站值班台 — 值班签到</source>
        <translation>LiaisonDesk — Sign in</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/signin_dialog.py" line="84"/>
        <source>值班签到</source>
        <translation>Duty sign-in</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/signin_dialog.py" line="98"/>
        <source>请在名单中选择自己（也可以输入或扫描值班编码），再输入密码。</source>
        <translation>Pick your name in the list (or type or scan your duty card code), then enter your PIN.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/signin_dialog.py" line="100"/>
        <source>培训库的密码：代表 1234，工作人员 1234，管理员 123456。</source>
        <translation>Training database PINs: deputies 1234, staff 1234, administrator 123456.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/signin_dialog.py" line="104"/>
        <source>输入姓名或编码查找，例如 D001</source>
        <translation>Type a name or code to find it, e.g. D001</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/signin_dialog.py" line="105"/>
        <source>姓名或值班编码</source>
        <translation>Name or duty card code</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/signin_dialog.py" line="108"/>
        <source>值班人员名单</source>
        <translation>People who may sign in</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/signin_dialog.py" line="118"/>
        <source>4–12 位数字</source>
        <translation>4–12 digits</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/signin_dialog.py" line="119"/>
        <source>密码</source>
        <translation>PIN</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/signin_dialog.py" line="125"/>
        <source>错误提示</source>
        <translation>Error</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/signin_dialog.py" line="126"/>
        <source>签到(&amp;S)</source>
        <translation>&amp;Sign in</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/signin_dialog.py" line="126"/>
        <source>解锁(&amp;S)</source>
        <translation>Unlock (&amp;S)</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/signin_dialog.py" line="130"/>
        <source>退出值班台(&amp;Q)</source>
        <translation>&amp;Quit the desk</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/signin_dialog.py" line="131"/>
        <source>退出值班台</source>
        <translation>Quit the desk</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/signin_dialog.py" line="136"/>
        <source>查找(&amp;F)：</source>
        <translation>&amp;Find:</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/signin_dialog.py" line="138"/>
        <source>值班人员(&amp;N)：</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/signin_dialog.py" line="140"/>
        <source>密码(&amp;P)：</source>
        <translation>&amp;PIN:</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/signin_dialog.py" line="207"/>
        <source>&#x3000;今日值班</source>
        <translation>  on duty today</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/signin_dialog.py" line="288"/>
        <source>名单刚刚更新，请重新选择自己。</source>
        <translation>The list has just been updated; please choose yourself again.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/signin_dialog.py" line="422"/>
        <source>请先在名单中选择自己。</source>
        <translation>Pick your name in the list first.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/signin_dialog.py" line="426"/>
        <source>请输入密码。</source>
        <translation>Please enter your PIN.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/signin_dialog.py" line="433"/>
        <source>正在打开数据库，请稍候…</source>
        <translation>Opening the database, please wait…</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/signin_dialog.py" line="172"/>
        <location filename="../../liaison_desk/ui/signin_dialog.py" line="176"/>
        <source>电脑日期可能不对</source>
        <translation>The PC&apos;s date may be wrong</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/signin_dialog.py" line="84"/>
        <source>值班台已锁定</source>
        <translation>Desk locked</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/signin_dialog.py" line="87"/>
        <source>{0} 离开时间较长（{1} 分钟无人操作），值班台已自动锁定。请重新输入密码；换人值班请选择自己的名字。</source>
        <translation>{0} was away for a while ({1} minutes without input): the desk locked itself. Enter the PIN again; if someone else takes over, pick your own name.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/signin_dialog.py" line="90"/>
        <source>{0} 离开时间较长，无人操作，值班台已自动锁定。请重新输入密码；换人值班请选择自己的名字。</source>
        <translation>{0} was away for a while without input: the desk locked itself. Enter the PIN again; if someone else takes over, pick your own name.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/signin_dialog.py" line="93"/>
        <source>值班台已锁定（由 {0} 锁定）。请输入密码解锁；换人值班请选择自己的名字。</source>
        <translation>The desk is locked (locked by {0}). Enter the PIN to unlock; if someone else takes over, pick your own name.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/signin_dialog.py" line="96"/>
        <source>{0} 已签退交班。下一位值班人员请在名单中选择自己，再输入密码。</source>
        <translation>{0} has signed out and handed over. Next on duty: pick your name on the list, then enter your PIN.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/signin_dialog.py" line="177"/>
        <source>先去改电脑日期</source>
        <translation>Fix the PC&apos;s date first</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/signin_dialog.py" line="178"/>
        <source>日期没错，继续签到</source>
        <translation>The date is right, sign in</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/signin_dialog.py" line="209"/>
        <source>&#x3000;无值班账号</source>
        <translation>&#x3000;no desk account</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/signin_dialog.py" line="232"/>
        <source>{0} 还没有值班账号，不能签到。请联系管理员开通值班账号；今天可以请工作人员签到后代为登记。</source>
        <translation>{0} has no desk account yet and cannot sign in. Ask the administrator to open one; today a staff member can sign in and record on their behalf.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/signin_dialog.py" line="402"/>
        <source>没有签到。请先把电脑的日期和时间改正确（在屏幕右下角的时间上点右键，选“调整日期/时间”），改好后再输入密码签到。</source>
        <translation>Not signed in. Set the PC&apos;s date and time right first (right-click the clock at the bottom right of the screen, then “Adjust date/time”), then type your PIN again.</translation>
    </message>
</context>
<context>
    <name>StartScreen</name>
    <message>
        <location filename="../../liaison_desk/ui/start_screen.py" line="75"/>
        <source>{0}&#x3000;值班台</source>
        <translation>{0} desk</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/start_screen.py" line="79"/>
        <source>【培训库】这里是培训用的演示数据，人名和事项都是虚构的，不会同步到县级平台。</source>
        <translation>[TRAINING] This is demo data for training: the people and matters are made up, and nothing is sent to the county hub.</translation>
    </message>
</context>
<context>
    <name>StationPage</name>
    <message>
        <location filename="../../liaison_desk/ui/setup_wizard.py" line="73"/>
        <source>欢迎使用联络站值班台</source>
        <translation>Welcome to LiaisonDesk</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/setup_wizard.py" line="74"/>
        <source>第一次使用，请先填写本联络站的基本情况。带“例如”的灰字只是示范，请换成本站的实际内容。</source>
        <translation>Before the first use, please describe this station. Grey text starting with “e.g.” is only an example.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/setup_wizard.py" line="76"/>
        <source>例如：柳树湾村人大代表联络站</source>
        <translation>e.g. Liushuwan Village Deputy Liaison Station</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/setup_wizard.py" line="79"/>
        <source>2–8 位字母或数字，例如 LX01</source>
        <translation>2–8 letters or digits, e.g. LX01</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/setup_wizard.py" line="83"/>
        <source>例如：河口镇</source>
        <translation>e.g. Hekou Town</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/setup_wizard.py" line="93"/>
        <source>联络站名称</source>
        <translation>Station name</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/setup_wizard.py" line="93"/>
        <source>联络站名称(&amp;M)：</source>
        <translation>Station na&amp;me:</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/setup_wizard.py" line="94"/>
        <source>站点代码(&amp;C)：</source>
        <translation>Station &amp;code:</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/setup_wizard.py" line="94"/>
        <source>站点代码</source>
        <translation>Station code</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/setup_wizard.py" line="95"/>
        <source>用于案件编号，设置后不能更改。不能用容易和数字混淆的字母 I、O、Q、S、Z。</source>
        <translation>Used in case numbers; it cannot be changed later. The letters I, O, Q, S and Z are not allowed (they look like digits).</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/setup_wizard.py" line="96"/>
        <source>所在乡镇（街道）(&amp;T)：</source>
        <translation>&amp;Township:</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/setup_wizard.py" line="96"/>
        <source>所在乡镇</source>
        <translation>Township</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/setup_wizard.py" line="97"/>
        <source>站点类型(&amp;K)：</source>
        <translation>&amp;Kind:</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/setup_wizard.py" line="97"/>
        <source>站点类型</source>
        <translation>Station kind</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/setup_wizard.py" line="98"/>
        <source>填入演示数据（培训用）(&amp;D)</source>
        <translation>Fill with &amp;demo data (training)</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/setup_wizard.py" line="99"/>
        <source>填入演示数据（培训用）</source>
        <translation>Fill with demo data (training)</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/setup_wizard.py" line="100"/>
        <source>建立一个培训用的示范联络站，并填入虚构的来访和案件，供学习操作。培训库不会同步到县级平台。</source>
        <translation>Creates a training station filled with made-up visits and cases to practise on. It is never synced to the county hub.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/setup_wizard.py" line="107"/>
        <source>正在生成演示数据</source>
        <translation>Generating demo data</translation>
    </message>
</context>
<context>
    <name>StationWorkTab</name>
    <message>
        <location filename="../../liaison_desk/ui/station_work_tab.py" line="62"/>
        <source>活动登记</source>
        <translation>Activities</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/station_work_tab.py" line="64"/>
        <source>代表名单</source>
        <translation>Deputies</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/station_work_tab.py" line="65"/>
        <source>基础资料</source>
        <translation>Reference lists</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/station_work_tab.py" line="99"/>
        <source>站务</source>
        <translation>Station work</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/station_work_tab.py" line="135"/>
        <source>这一页暂时打不开，详细信息已写入日志文件。</source>
        <translation>This page cannot be opened now; the details are in the log file.</translation>
    </message>
</context>
<context>
    <name>StatsPage</name>
    <message>
        <location filename="../../liaison_desk/ui/stats_page.py" line="165"/>
        <source>月份</source>
        <translation>Month</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/stats_page.py" line="165"/>
        <source>季度</source>
        <translation>Quarter</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/stats_page.py" line="165"/>
        <source>半年</source>
        <translation>Half-year</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/stats_page.py" line="165"/>
        <source>年度</source>
        <translation>Year</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/stats_page.py" line="166"/>
        <source>日期范围</source>
        <translation>Date range</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/stats_page.py" line="171"/>
        <source> 年</source>
        <translation> yr</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/stats_page.py" line="179"/>
        <source>不分组</source>
        <translation>No breakdown</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/stats_page.py" line="181"/>
        <source>按%1</source>
        <translation>By %1</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/stats_page.py" line="182"/>
        <source>统计(&amp;S)</source>
        <translation>&amp;Show</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/stats_page.py" line="183"/>
        <source>月末报送材料(&amp;M)…</source>
        <translation>&amp;Month-end pack…</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/stats_page.py" line="184"/>
        <source>为所选月份生成一个 PDF（统计表、统计图、问题清单、来访登记簿、未办结台账）和未办结台账 Excel 表</source>
        <translation>Makes one PDF for the chosen month (figures, charts, problem list, visitor register, ledger of open cases) and the ledger of open cases as an Excel workbook</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/stats_page.py" line="188"/>
        <source>统计期间(&amp;Q)</source>
        <translation>Period (&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/stats_page.py" line="188"/>
        <source>分组(&amp;G)</source>
        <translation>&amp;Group by</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/stats_page.py" line="191"/>
        <source>从</source>
        <translation>From</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/stats_page.py" line="191"/>
        <source>至</source>
        <translation>to</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/stats_page.py" line="199"/>
        <source>指标</source>
        <translation>Figure</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/stats_page.py" line="199"/>
        <source>本期</source>
        <translation>This period</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/stats_page.py" line="199"/>
        <source>上期</source>
        <translation>Previous period</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/stats_page.py" line="199"/>
        <source>比上期增减</source>
        <translation>Change on previous</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/stats_page.py" line="200"/>
        <source>去年同期</source>
        <translation>Same period last year</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/stats_page.py" line="200"/>
        <source>比去年同期增减</source>
        <translation>Change on last year</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/stats_page.py" line="203"/>
        <source>序号</source>
        <translation>No.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/stats_page.py" line="203"/>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/stats_page.py" line="203"/>
        <source>村（社区）</source>
        <translation>Village</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/stats_page.py" line="203"/>
        <source>问题</source>
        <translation>Problem</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/stats_page.py" line="204"/>
        <source>件数</source>
        <translation>Cases</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/stats_page.py" line="204"/>
        <source>办理情况</source>
        <translation>State</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/stats_page.py" line="207"/>
        <source>回车或双击打开案件</source>
        <translation>Press Enter or double-click to open the case</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/stats_page.py" line="209"/>
        <source>主要指标</source>
        <translation>Main figures</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/stats_page.py" line="211"/>
        <source>分组统计</source>
        <translation>Breakdown</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/stats_page.py" line="213"/>
        <source>统计图</source>
        <translation>Charts</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/stats_page.py" line="217"/>
        <source>问题清单（群众反映最多的问题）</source>
        <translation>Problem list (raised most often)</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/stats_page.py" line="220"/>
        <source>该问题的案件(&amp;C)：</source>
        <translation>&amp;Cases of this problem:</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/stats_page.py" line="250"/>
        <source>%1 月</source>
        <translation>Month %1</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/stats_page.py" line="252"/>
        <source>第一季度</source>
        <translation>Q1</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/stats_page.py" line="252"/>
        <source>第二季度</source>
        <translation>Q2</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/stats_page.py" line="252"/>
        <source>第三季度</source>
        <translation>Q3</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/stats_page.py" line="253"/>
        <source>第四季度</source>
        <translation>Q4</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/stats_page.py" line="256"/>
        <source>上半年</source>
        <translation>First half</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/stats_page.py" line="257"/>
        <source>下半年</source>
        <translation>Second half</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/stats_page.py" line="301"/>
        <source>统计出错，详情已写入日志。</source>
        <translation>The statistics failed; the details are in the log.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/stats_page.py" line="308"/>
        <source>%1：%2 至 %3，按登记日期计；数据截至 %4</source>
        <translation>%1: %2 to %3, by registration date; figures as of %4</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/stats_page.py" line="348"/>
        <source>合计</source>
        <translation>Total</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/stats_page.py" line="376"/>
        <source>月末报送材料</source>
        <translation>Month-end pack</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/stats_page.py" line="384"/>
        <source>月末报送材料按月份制作，请先选择一个月份。</source>
        <translation>The month-end pack is made for a month: choose a month first.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/stats_page.py" line="386"/>
        <source>选择保存月末报送材料的文件夹</source>
        <translation>Choose the folder for the month-end pack</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/stats_page.py" line="390"/>
        <source>正在制作%1月末报送材料…</source>
        <translation>Making the month-end pack for %1…</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/stats_page.py" line="396"/>
        <source>制作月末报送材料时出错，详情已写入日志。</source>
        <translation>Making the month-end pack failed; the details are in the log.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/stats_page.py" line="400"/>
        <source>已保存到 %1：

%2（%3 页）
%4（未办结案件 %5 件）</source>
        <translation>Saved to %1:

%2 (%3 pages)
%4 (%5 open cases)</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/stats_page.py" line="404"/>
        <source>以下字符字库中没有，打印为 □，请手工补写：</source>
        <translation>These characters are missing from the font and print as □; write them in by hand: </translation>
    </message>
</context>
<context>
    <name>SyncMenu</name>
    <message>
        <location filename="../../liaison_desk/ui/sync_menu.py" line="45"/>
        <source>立即同步(&amp;Y)</source>
        <translation>S&amp;ync now</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/sync_menu.py" line="47"/>
        <source>导出同步文件（U 盘）(&amp;E)…</source>
        <translation>&amp;Export sync file (USB stick)…</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/sync_menu.py" line="48"/>
        <source>导入县级回执文件(&amp;I)…</source>
        <translation>&amp;Import the hub&apos;s answer file…</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/sync_menu.py" line="49"/>
        <source>同步冲突(&amp;C)…</source>
        <translation>Sync &amp;conflicts…</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/sync_menu.py" line="83"/>
        <source>导出同步文件</source>
        <translation>Export sync file</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/sync_menu.py" line="84"/>
        <location filename="../../liaison_desk/ui/sync_menu.py" line="98"/>
        <source>同步文件 (*.json)</source>
        <translation>Sync files (*.json)</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/sync_menu.py" line="90"/>
        <source>已导出 {0} 条变更到 {1}。请把这个文件带到县级平台导入。</source>
        <translation>Exported {0} change(s) to {1}. Take this file to the county hub to import it.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/sync_menu.py" line="97"/>
        <source>导入县级回执文件</source>
        <translation>Import the hub&apos;s answer file</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/sync_menu.py" line="105"/>
        <source>已导入：确认 {0} 条，被拒 {1} 条。</source>
        <translation>Imported: {0} acknowledged, {1} refused.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/sync_menu.py" line="107"/>
        <source>这个回执接在一个尚未导入的回执之后，请先导入更早的回执。</source>
        <translation> This answer follows one not imported yet: import the earlier answer first.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/sync_menu.py" line="121"/>
        <source>同步文件</source>
        <translation>Sync file</translation>
    </message>
</context>
<context>
    <name>VillagesPage</name>
    <message>
        <location filename="../../liaison_desk/ui/setup_wizard.py" line="170"/>
        <source>村（社区）</source>
        <translation>Villages and communities</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/setup_wizard.py" line="171"/>
        <source>本联络站联系的村和社区，每行一个（可以从 Excel 或 Word 里复制整列粘贴过来）。来访登记时从这个名单里选。至少填一个，以后还可以补充。</source>
        <translation>The villages and communities this station serves, one per line (a column copied from Excel or Word can be pasted). The walk-in form offers them. Enter at least one; more can be added later.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/setup_wizard.py" line="174"/>
        <source>村（社区）名单（每行一个）</source>
        <translation>Villages and communities (one per line)</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/setup_wizard.py" line="175"/>
        <source>例如：
柳树湾村
河口社区</source>
        <translation>For example:
Liushuwan Village
Hekou Community</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/setup_wizard.py" line="177"/>
        <source>村（社区）名单(&amp;L)：</source>
        <translation>Village &amp;list:</translation>
    </message>
</context>
<context>
    <name>WalkInForm</name>
    <message>
        <location filename="../../liaison_desk/ui/walkin_form.py" line="101"/>
        <source>来访登记</source>
        <translation>Walk-in</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/walkin_form.py" line="111"/>
        <source>登记结果</source>
        <translation>Registration result</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/walkin_form.py" line="115"/>
        <source>多人来访用顿号分开，例如：张三、李四</source>
        <translation>Several visitors: separate with 、 e.g. 张三、李四</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/walkin_form.py" line="118"/>
        <source>手机或带区号的座机</source>
        <translation>Mobile, or landline with area code</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/walkin_form.py" line="121"/>
        <source>输入一两个字即可选择</source>
        <translation>Type a character or two to choose</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/walkin_form.py" line="136"/>
        <source>群众反映的问题和诉求，尽量写清时间、地点和经过</source>
        <translation>The problem and the request, with when, where and what happened</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/walkin_form.py" line="154"/>
        <source>来访人(&amp;N)：</source>
        <translation>Visitor (&amp;N):</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/walkin_form.py" line="154"/>
        <source>来访人姓名</source>
        <translation>Visitor&apos;s name</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/walkin_form.py" line="155"/>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/walkin_form.py" line="155"/>
        <source>联系电话(&amp;E)：</source>
        <translation>Phon&amp;e:</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/walkin_form.py" line="156"/>
        <source>老朋友再来时，输入电话就能看到他以前反映的事。</source>
        <translation>For a returning visitor, the phone number brings up what they raised before.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/walkin_form.py" line="157"/>
        <source>村（社区）</source>
        <translation>Village</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/walkin_form.py" line="158"/>
        <source>来访人数</source>
        <translation>Number of visitors</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/walkin_form.py" line="159"/>
        <source>来访方式(&amp;W)：</source>
        <translation>Channel (&amp;W):</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/walkin_form.py" line="159"/>
        <source>来访方式</source>
        <translation>Channel</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/walkin_form.py" line="157"/>
        <source>村（社区）(&amp;G)：</source>
        <translation>Villa&amp;ge:</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/walkin_form.py" line="158"/>
        <source>来访人数(&amp;M)：</source>
        <translation>Nu&amp;mber of people:</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/walkin_form.py" line="160"/>
        <source>接待代表</source>
        <translation>Receiving deputy</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/walkin_form.py" line="160"/>
        <source>接待代表(&amp;J)：</source>
        <translation>Received b&amp;y:</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/walkin_form.py" line="161"/>
        <source>反映内容(&amp;C)：</source>
        <translation>Matter raised (&amp;C):</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/walkin_form.py" line="161"/>
        <source>反映内容</source>
        <translation>Matter raised</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/walkin_form.py" line="162"/>
        <source>类别(&amp;T)：</source>
        <translation>Ca&amp;tegory:</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/walkin_form.py" line="162"/>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/walkin_form.py" line="163"/>
        <source>紧急程度(&amp;U)：</source>
        <translation>&amp;Urgency:</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/walkin_form.py" line="163"/>
        <source>紧急程度</source>
        <translation>Urgency</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/walkin_form.py" line="164"/>
        <source>分办颜色(&amp;L)：</source>
        <translation>Triage co&amp;lour:</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/walkin_form.py" line="164"/>
        <source>分办颜色</source>
        <translation>Triage</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/walkin_form.py" line="171"/>
        <source>这位来访人以前反映的事项</source>
        <translation>What this visitor raised before</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/walkin_form.py" line="184"/>
        <source>相似的在办案件</source>
        <translation>Similar open cases</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/walkin_form.py" line="194"/>
        <source>保存并打印回执(&amp;S)</source>
        <translation>&amp;Save and print the receipt</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/walkin_form.py" line="195"/>
        <source>保存并打印回执</source>
        <translation>Save and print the receipt</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/walkin_form.py" line="196"/>
        <source>快捷键 Ctrl+S</source>
        <translation>Shortcut Ctrl+S</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/walkin_form.py" line="198"/>
        <source>清空重填(&amp;R)</source>
        <translation>Clear the fo&amp;rm</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/walkin_form.py" line="199"/>
        <source>清空重填</source>
        <translation>Clear the form</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/walkin_form.py" line="264"/>
        <source>新增</source>
        <translation>Add it</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/walkin_form.py" line="265"/>
        <source>新增这个村（社区）并保存</source>
        <translation>Add this village and save</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/walkin_form.py" line="267"/>
        <source>返回修改</source>
        <translation>Go back and correct</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/walkin_form.py" line="268"/>
        <source>返回修改村（社区）</source>
        <translation>Correct the village</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/walkin_form.py" line="273"/>
        <source>新增村（社区）的确认</source>
        <translation>Confirm a new village</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/walkin_form.py" line="284"/>
        <source>可能是同一件事的在办案件</source>
        <translation>Open cases that may be the same matter</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/walkin_form.py" line="290"/>
        <location filename="../../liaison_desk/ui/walkin_form.py" line="291"/>
        <source>是同一件事（关联到原件）</source>
        <translation>The same matter (link it to the original)</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/walkin_form.py" line="293"/>
        <location filename="../../liaison_desk/ui/walkin_form.py" line="294"/>
        <source>是新的事（另行登记）</source>
        <translation>A new matter (register it separately)</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/walkin_form.py" line="299"/>
        <source>是不是同一件事</source>
        <translation>The same matter or a new one</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/walkin_form.py" line="319"/>
        <source>（不指定）</source>
        <translation>(not given)</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/walkin_form.py" line="141"/>
        <location filename="../../liaison_desk/ui/walkin_form.py" line="145"/>
        <location filename="../../liaison_desk/ui/walkin_form.py" line="328"/>
        <source>（请选择）</source>
        <translation>(choose)</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/walkin_form.py" line="424"/>
        <source>上次没有保存的登记已经恢复，请核对后保存。</source>
        <translation>The registration that was not saved last time has been restored. Check it, then save.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/walkin_form.py" line="454"/>
        <source>这位来访人以前来过：{0}，反映过 {1} 件事。</source>
        <translation>This visitor has been here before: {0}, {1} matters raised.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/walkin_form.py" line="484"/>
        <source>有 {0} 件相似的在办案件，请先看看是不是同一件事：</source>
        <translation>{0} similar open cases: check whether it is the same matter first:</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/walkin_form.py" line="505"/>
        <source>请先签到再登记。</source>
        <translation>Please sign in before registering.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/walkin_form.py" line="539"/>
        <source>没能关联到原来的案件，可以在案件页面用“关联重复件”补做。</source>
        <translation>It could not be linked to the original case; link it on the case page (Link duplicate).</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/walkin_form.py" line="553"/>
        <source>请选择紧急程度。</source>
        <translation>Choose the urgency.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/walkin_form.py" line="554"/>
        <source>请选择分办颜色（由谁来办）。</source>
        <translation>Choose the triage colour (who handles it).</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/walkin_form.py" line="570"/>
        <source>新增村（社区）「{0}」？本站名单里还没有这个名字。</source>
        <translation>Add the village “{0}”? It is not on this station&apos;s list yet.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/walkin_form.py" line="572"/>
        <source>名单里相近的有：{0}。</source>
        <translation>Similar names on the list: {0}.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/walkin_form.py" line="608"/>
        <source>这位来访人以前反映的</source>
        <translation>raised by this visitor before</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/walkin_form.py" line="608"/>
        <source>内容相似</source>
        <translation>similar text</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/walkin_form.py" line="615"/>
        <source>这件事可能已经登记过（见下面的在办案件）。是同一件事，还是新的事？</source>
        <translation>This may have been registered already (see the open case below). Is it the same matter or a new one?</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/walkin_form.py" line="616"/>
        <source>有 {0} 件在办案件可能是同一件事。如果是同一件，请先在下面选出是哪一件。</source>
        <translation>{0} open cases may be the same matter. If it is the same, first pick which one below.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/walkin_form.py" line="635"/>
        <source>请先在上面的列表里点选是哪一件。</source>
        <translation>First pick the case in the list above.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/walkin_form.py" line="673"/>
        <source>已登记，案件编号：{0}。请把编号告诉来访人。</source>
        <translation>Registered as case {0}. Please give the number to the visitor.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/walkin_form.py" line="684"/>
        <source>回执 {0}</source>
        <translation>Receipt {0}</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/walkin_form.py" line="689"/>
        <source>已登记，案件编号：{0}。回执没有打开，可以稍后在案件页面补打。</source>
        <translation>Registered as case {0}. The receipt did not open; it can be reprinted later.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/walkin_form.py" line="516"/>
        <source>电脑日期可能不对：请先把电脑的日期和时间改正确（或确认日期无误）再登记。已填写的内容都还在。</source>
        <translation>The PC&apos;s date may be wrong: set the date and time right (or confirm it) before registering. What you typed is still here.</translation>
    </message>
</context>
</TS>
