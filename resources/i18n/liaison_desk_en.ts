<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>ActionDialog</name>
    <message>
        <location filename="../../liaison_desk/ui/action_dialog.py" line="95"/>
        <source>案件办理 — {0}</source>
        <translation>Case action — {0}</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/action_dialog.py" line="109"/>
        <location filename="../../liaison_desk/ui/action_dialog.py" line="110"/>
        <source>确定</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/action_dialog.py" line="112"/>
        <location filename="../../liaison_desk/ui/action_dialog.py" line="113"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/action_dialog.py" line="130"/>
        <location filename="../../liaison_desk/ui/action_dialog.py" line="153"/>
        <source>（请选择）</source>
        <translation>(choose)</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/action_dialog.py" line="134"/>
        <source>承办单位(&amp;D)：</source>
        <translation>&amp;Department:</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/action_dialog.py" line="134"/>
        <source>承办单位</source>
        <translation>Department</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/action_dialog.py" line="139"/>
        <source> 个工作日</source>
        <translation> working days</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/action_dialog.py" line="141"/>
        <source>办理期限日期</source>
        <translation>Deadline date</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/action_dialog.py" line="145"/>
        <source>办理时限(&amp;W)：</source>
        <translation>Time limit (&amp;working days):</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/action_dialog.py" line="145"/>
        <source>办理时限（工作日）</source>
        <translation>Time limit (working days)</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/action_dialog.py" line="146"/>
        <source>按工作日计算，节假日和调休已考虑在内。</source>
        <translation>Counted in working days, with public holidays and make-up working days.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/action_dialog.py" line="147"/>
        <source>办理期限：</source>
        <translation>Deadline:</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/action_dialog.py" line="153"/>
        <source>（不填）</source>
        <translation>(none)</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/action_dialog.py" line="157"/>
        <source>解决情况(&amp;R)：</source>
        <translation>&amp;Resolution:</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/action_dialog.py" line="157"/>
        <source>群众满意度(&amp;S)：</source>
        <translation>&amp;Satisfaction:</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/action_dialog.py" line="158"/>
        <source>解决情况</source>
        <translation>Resolution</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/action_dialog.py" line="158"/>
        <source>群众满意度</source>
        <translation>Constituent&apos;s satisfaction</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/action_dialog.py" line="164"/>
        <source>督办级别(&amp;L)：</source>
        <translation>Escalation &amp;level:</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/action_dialog.py" line="164"/>
        <source>督办级别</source>
        <translation>Escalation level</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/action_dialog.py" line="165"/>
        <source>每催办一次升一级；级别越高，越优先提醒。</source>
        <translation>Each reminder raises the level by one; higher levels are reminded first.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/action_dialog.py" line="168"/>
        <source>例如 LX01-261122-0007-V</source>
        <translation>e.g. LX01-261122-0007-V</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/action_dialog.py" line="170"/>
        <source>重复的案件编号(&amp;N)：</source>
        <translation>Duplicate of case &amp;number:</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/action_dialog.py" line="170"/>
        <source>重复的案件编号</source>
        <translation>Number of the duplicate case</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/action_dialog.py" line="178"/>
        <source>回电日期(&amp;C)：</source>
        <translation>&amp;Call back on:</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/action_dialog.py" line="178"/>
        <source>约定回电日期</source>
        <translation>Call-back date</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/action_dialog.py" line="184"/>
        <source>说明（可不填）(&amp;T)：</source>
        <translation>No&amp;te (optional):</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/action_dialog.py" line="184"/>
        <source>说明(&amp;T)：</source>
        <translation>No&amp;te:</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/action_dialog.py" line="185"/>
        <source>说明</source>
        <translation>Note</translation>
    </message>
</context>
<context>
    <name>AdminPage</name>
    <message>
        <location filename="../../liaison_desk/ui/setup_wizard.py" line="137"/>
        <location filename="../../liaison_desk/ui/setup_wizard.py" line="141"/>
        <source>管理员</source>
        <translation>Administrator</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/setup_wizard.py" line="138"/>
        <source>管理员可以管理代表名单、承办单位和设置。登录名为 admin。请牢记所设密码。</source>
        <translation>The administrator manages deputies, departments and settings. The login is admin. Remember the PIN you set.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/setup_wizard.py" line="140"/>
        <source>建立联络站(&amp;B)</source>
        <translation>&amp;Create the station</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/setup_wizard.py" line="150"/>
        <source>4–12 位数字</source>
        <translation>4–12 digits</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/setup_wizard.py" line="151"/>
        <source>再输入一次，以免输错</source>
        <translation>Type it again to avoid typos</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/setup_wizard.py" line="157"/>
        <source>管理员姓名(&amp;A)：</source>
        <translation>&amp;Administrator&apos;s name:</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/setup_wizard.py" line="157"/>
        <source>管理员姓名</source>
        <translation>Administrator&apos;s name</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/setup_wizard.py" line="158"/>
        <source>管理员密码(&amp;P)：</source>
        <translation>Administrator &amp;PIN:</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/setup_wizard.py" line="158"/>
        <source>管理员密码</source>
        <translation>Administrator PIN</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/setup_wizard.py" line="159"/>
        <source>确认密码(&amp;R)：</source>
        <translation>&amp;Repeat PIN:</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/setup_wizard.py" line="159"/>
        <source>确认管理员密码</source>
        <translation>Repeat administrator PIN</translation>
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
    <name>CaseListPage</name>
    <message>
        <location filename="../../liaison_desk/ui/case_list_page.py" line="69"/>
        <source>搜索：内容、来访人、编号或村名，例如 灌溉、路灯</source>
        <translation>Search content, visitor, number or village, e.g. 灌溉, 路灯</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/case_list_page.py" line="70"/>
        <source>搜索案件</source>
        <translation>Search cases</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/case_list_page.py" line="77"/>
        <source>按状态筛选案件</source>
        <translation>Filter cases by status</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/case_list_page.py" line="79"/>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/case_list_page.py" line="83"/>
        <source>按分办颜色筛选</source>
        <translation>Filter by triage colour</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/case_list_page.py" line="84"/>
        <source>全部颜色</source>
        <translation>All colours</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/case_list_page.py" line="88"/>
        <source>按类别筛选</source>
        <translation>Filter by category</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/case_list_page.py" line="90"/>
        <source>按村（社区）筛选</source>
        <translation>Filter by village</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/case_list_page.py" line="92"/>
        <source>按接待代表筛选</source>
        <translation>Filter by receiving deputy</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/case_list_page.py" line="98"/>
        <source>排序方式</source>
        <translation>Sort order</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/case_list_page.py" line="101"/>
        <source>只看超期(&amp;O)</source>
        <translation>&amp;Overdue only</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/case_list_page.py" line="102"/>
        <source>只看超期案件</source>
        <translation>Show overdue cases only</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/case_list_page.py" line="111"/>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/case_list_page.py" line="112"/>
        <source>刷新案件列表</source>
        <translation>Refresh the case list</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/case_list_page.py" line="113"/>
        <source>重新读取案件和统计数字（快捷键 F5）</source>
        <translation>Reload the cases and figures (shortcut: F5)</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/case_list_page.py" line="115"/>
        <source>案件数</source>
        <translation>Number of cases</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/case_list_page.py" line="117"/>
        <source>案件列表</source>
        <translation>Case list</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/case_list_page.py" line="126"/>
        <source>案件列表为空</source>
        <translation>The case list is empty</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/case_list_page.py" line="132"/>
        <source>搜索(&amp;Q)：</source>
        <translation>Search (&amp;Q):</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/case_list_page.py" line="138"/>
        <source>案件状态(&amp;S)：</source>
        <translation>Case &amp;status:</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/case_list_page.py" line="145"/>
        <source>排序(&amp;B)：</source>
        <translation>Sort &amp;by:</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/case_list_page.py" line="181"/>
        <source>全部类别</source>
        <translation>All categories</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/case_list_page.py" line="182"/>
        <source>全部村（社区）</source>
        <translation>All villages</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/case_list_page.py" line="183"/>
        <source>全部代表</source>
        <translation>All deputies</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/case_list_page.py" line="246"/>
        <source>还没有登记任何案件。
群众来访登记成案后，会显示在这里。</source>
        <translation>No cases have been registered yet.
Cases registered from visits will appear here.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/case_list_page.py" line="248"/>
        <source>没有状态为“{0}”的案件。</source>
        <translation>No cases with the status “{0}”.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/case_list_page.py" line="250"/>
        <source>没有符合条件的案件。</source>
        <translation>No cases match.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/case_list_page.py" line="261"/>
        <source>{0}+</source>
        <translation>{0}+</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/case_list_page.py" line="264"/>
        <source>共 {0} 件</source>
        <translation>{0} cases</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/case_list_page.py" line="272"/>
        <source>已显示 {0} 件，共 {1} 件。向下滚动可看到更多。</source>
        <translation>Showing {0} of {1} cases. Scroll down to see more.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/case_list_page.py" line="273"/>
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
        <location filename="../../liaison_desk/ui/case_page.py" line="95"/>
        <source>状态：</source>
        <translation>Status:</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/case_page.py" line="95"/>
        <source>分办颜色：</source>
        <translation>Triage colour:</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/case_page.py" line="95"/>
        <source>紧急程度：</source>
        <translation>Urgency:</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/case_page.py" line="96"/>
        <source>类别：</source>
        <translation>Category:</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/case_page.py" line="96"/>
        <source>村（社区）：</source>
        <translation>Village:</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/case_page.py" line="96"/>
        <source>承办单位：</source>
        <translation>Department:</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/case_page.py" line="97"/>
        <source>办理期限：</source>
        <translation>Deadline:</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/case_page.py" line="97"/>
        <source>解决情况：</source>
        <translation>Resolution:</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/case_page.py" line="98"/>
        <source>满意度：</source>
        <translation>Satisfaction:</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/case_page.py" line="98"/>
        <source>督办级别：</source>
        <translation>Escalation level: </translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/case_page.py" line="107"/>
        <location filename="../../liaison_desk/ui/case_page.py" line="146"/>
        <source>反映内容</source>
        <translation>Matter raised</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/case_page.py" line="109"/>
        <location filename="../../liaison_desk/ui/case_page.py" line="148"/>
        <source>办理经过</source>
        <translation>Timeline</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/case_page.py" line="115"/>
        <source>当前身份在这个阶段没有可办理的事项。</source>
        <translation>There is nothing your role can do on this case now.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/case_page.py" line="117"/>
        <source>补打回执(&amp;P)</source>
        <translation>Re&amp;print the receipt</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/case_page.py" line="118"/>
        <source>补打回执</source>
        <translation>Reprint the receipt</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/case_page.py" line="122"/>
        <source>打印交办函(&amp;J)</source>
        <translation>Print assignment &amp;letter</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/case_page.py" line="122"/>
        <source>打印交办函</source>
        <translation>Print the assignment letter</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/case_page.py" line="123"/>
        <source>打印督办通知(&amp;U)</source>
        <translation>Print s&amp;upervision notice</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/case_page.py" line="123"/>
        <source>打印督办通知</source>
        <translation>Print the supervision notice</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/case_page.py" line="136"/>
        <source>关闭(&amp;C)</source>
        <translation>&amp;Close</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/case_page.py" line="137"/>
        <source>关闭案件页</source>
        <translation>Close the case page</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/case_page.py" line="157"/>
        <source>可以办理：</source>
        <translation>Actions:</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/case_page.py" line="166"/>
        <source>打印：</source>
        <translation>Print:</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/case_page.py" line="194"/>
        <source>案件 {0}</source>
        <translation>Case {0}</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/case_page.py" line="299"/>
        <source>回执 {0}</source>
        <translation>Receipt {0}</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/case_page.py" line="313"/>
        <source>交办函 {0}</source>
        <translation>Assignment letter {0}</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/case_page.py" line="313"/>
        <source>督办通知 {0}</source>
        <translation>Supervision notice {0}</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/case_page.py" line="131"/>
        <source>公示摘要…</source>
        <translation>Public summary…</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/case_page.py" line="132"/>
        <source>审定公示摘要</source>
        <translation>Approve the public summary</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/case_page.py" line="347"/>
        <source>公示摘要</source>
        <translation>Public summary</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/case_page.py" line="348"/>
        <source>张贴公示时这个案件印作（不超过 60 字，不写姓名和号码；清空则印村、类别和办理结果）：</source>
        <translation>On the posted notice this case reads (at most 60 characters, no names or numbers; empty prints the village, category and result):</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/case_page.py" line="350"/>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/case_page.py" line="351"/>
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
        <source>登记时间</source>
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
        <location filename="../../liaison_desk/ui/case_table_model.py" line="262"/>
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
        <location filename="../../liaison_desk/ui/conflicts_dialog.py" line="70"/>
        <source>发现时间</source>
        <translation>Found</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/conflicts_dialog.py" line="70"/>
        <source>情况</source>
        <translation>What</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/conflicts_dialog.py" line="70"/>
        <source>记录</source>
        <translation>Record</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/conflicts_dialog.py" line="70"/>
        <source>详细</source>
        <translation>Details</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/conflicts_dialog.py" line="78"/>
        <source>“{0}”：保留 {1}；另一处改为 {2}</source>
        <translation>“{0}”: kept {1}; the other edit was {2}</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/conflicts_dialog.py" line="91"/>
        <source>（已处理）</source>
        <translation> (handled)</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/conflicts_dialog.py" line="105"/>
        <location filename="../../liaison_desk/ui/conflicts_dialog.py" line="107"/>
        <source>同步冲突</source>
        <translation>Sync conflicts</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/conflicts_dialog.py" line="109"/>
        <source>同步时不能自动处理的情况都列在这里，一条也不会丢掉。核对之后点“标记为已处理”；原来的数值仍然保存在记录中。</source>
        <translation>Everything sync could not settle by itself is listed here; nothing is dropped. After checking, click “Mark as handled”; the other value stays on record.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/conflicts_dialog.py" line="113"/>
        <source>同步冲突列表</source>
        <translation>Sync conflict list</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/conflicts_dialog.py" line="118"/>
        <source>所选冲突的详细情况</source>
        <translation>Details of the selected conflict</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/conflicts_dialog.py" line="119"/>
        <source>没有需要处理的同步冲突。</source>
        <translation>No sync conflicts to look at.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/conflicts_dialog.py" line="126"/>
        <source>也显示已处理的(&amp;A)</source>
        <translation>Show &amp;handled ones too</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/conflicts_dialog.py" line="128"/>
        <source>标记为已处理(&amp;M)</source>
        <translation>&amp;Mark as handled</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/conflicts_dialog.py" line="129"/>
        <source>标记为已处理</source>
        <translation>Mark as handled</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/conflicts_dialog.py" line="132"/>
        <source>关闭(&amp;C)</source>
        <translation>&amp;Close</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/conflicts_dialog.py" line="133"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/conflicts_dialog.py" line="177"/>
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
        <location filename="../../liaison_desk/ui/setup_wizard.py" line="329"/>
        <source>承办单位</source>
        <translation>Department</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/setup_wizard.py" line="330"/>
        <source>交办案件时可选的职能部门，每行一个，例如“县水利局”。也可以跳过，以后补充。</source>
        <translation>The departments cases can be assigned to, one per line, e.g. “County Water Bureau”. You may skip this and add them later.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/setup_wizard.py" line="332"/>
        <source>承办单位（每行一个）</source>
        <translation>Departments (one per line)</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/setup_wizard.py" line="333"/>
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
        <location filename="../../liaison_desk/ui/setup_wizard.py" line="176"/>
        <source>代表名单</source>
        <translation>Deputies</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/setup_wizard.py" line="177"/>
        <source>逐行填写进站代表，或从 Excel / CSV 文件导入。填了值班密码的代表可以签到值班。也可以跳过，以后补充。</source>
        <translation>Type the station&apos;s deputies one per row, or import them from an Excel / CSV file. Deputies given a duty PIN can sign in for duty. You may skip this and add them later.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/setup_wizard.py" line="180"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/setup_wizard.py" line="180"/>
        <location filename="../../liaison_desk/ui/setup_wizard.py" line="225"/>
        <source>代表层级</source>
        <translation>Level</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/setup_wizard.py" line="180"/>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/setup_wizard.py" line="181"/>
        <source>代表证号</source>
        <translation>Card number</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/setup_wizard.py" line="181"/>
        <source>值班密码（可不填）</source>
        <translation>Duty PIN (optional)</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/setup_wizard.py" line="182"/>
        <source>代表名单（逐行填写）</source>
        <translation>Deputies (one per row)</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/setup_wizard.py" line="191"/>
        <source>添加一行(&amp;A)</source>
        <translation>&amp;Add a row</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/setup_wizard.py" line="192"/>
        <source>添加一行</source>
        <translation>Add a row</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/setup_wizard.py" line="194"/>
        <source>从文件导入(&amp;I)…</source>
        <translation>&amp;Import from file…</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/setup_wizard.py" line="195"/>
        <source>从文件导入代表名单</source>
        <translation>Import the deputy list from a file</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/setup_wizard.py" line="197"/>
        <source>确认导入(&amp;C)</source>
        <translation>Import now (&amp;C)</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/setup_wizard.py" line="198"/>
        <source>确认导入</source>
        <translation>Import now</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/setup_wizard.py" line="203"/>
        <source>导入预览</source>
        <translation>Import preview</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/setup_wizard.py" line="205"/>
        <source>有问题的行</source>
        <translation>Rows with problems</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/setup_wizard.py" line="253"/>
        <source>选择代表名单文件</source>
        <translation>Choose the deputy list file</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/setup_wizard.py" line="254"/>
        <source>表格文件 (*.xlsx *.csv)</source>
        <translation>Spreadsheets (*.xlsx *.csv)</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/setup_wizard.py" line="271"/>
        <source>文件 {0}：可导入 {1} 人（新增 {2}，更新 {3}），有问题的行 {4} 行。有问题的行不会导入，可改好后再导入一次。</source>
        <translation>File {0}: {1} deputies can be imported ({2} new, {3} updated); {4} rows have problems. Rows with problems are not imported; fix them and import again.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/setup_wizard.py" line="290"/>
        <source>已导入 {0} 人（新增 {1}，更新 {2}）。</source>
        <translation>Imported {0} deputies ({1} new, {2} updated).</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/setup_wizard.py" line="313"/>
        <source>第 {0} 行：{1}</source>
        <translation>Row {0}: {1}</translation>
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
        <location filename="../../liaison_desk/ui/desk_lock.py" line="28"/>
        <source>值班台已锁定，请输入密码解锁。</source>
        <translation>The desk is locked. Enter your PIN to unlock it.</translation>
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
        <location filename="../../liaison_desk/ui/end_shift_dialog.py" line="42"/>
        <source>交接单</source>
        <translation>Handover sheet</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/end_shift_dialog.py" line="47"/>
        <source>这个版本还不能打印交接单；交接内容已保存，下一班签到时会看到。</source>
        <translation>This version cannot print the handover sheet yet; the handover is saved and the next shift will see it.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/end_shift_dialog.py" line="66"/>
        <location filename="../../liaison_desk/ui/end_shift_dialog.py" line="69"/>
        <source>签退交班</source>
        <translation>Sign out and hand over</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/end_shift_dialog.py" line="73"/>
        <source>本班小结</source>
        <translation>Shift summary</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/end_shift_dialog.py" line="74"/>
        <source>下个值班日前要办的事：</source>
        <translation>To do before the next duty day:</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/end_shift_dialog.py" line="77"/>
        <source>下个值班日前要办的事</source>
        <translation>To do before the next duty day</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/end_shift_dialog.py" line="79"/>
        <source>给下一班的留言(&amp;M)：</source>
        <translation>Note for the next shift (&amp;M):</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/end_shift_dialog.py" line="82"/>
        <source>给下一班的留言</source>
        <translation>Note for the next shift</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/end_shift_dialog.py" line="83"/>
        <source>例如：王大爷下午会来问灌溉渠的事，答复已在案件里。</source>
        <translation>e.g. Mr Wang will come this afternoon about the irrigation ditch; the reply is in the case.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/end_shift_dialog.py" line="90"/>
        <source>打印交接单(&amp;P)</source>
        <translation>&amp;Print the handover sheet</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/end_shift_dialog.py" line="91"/>
        <source>打印交接单</source>
        <translation>Print the handover sheet</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/end_shift_dialog.py" line="94"/>
        <source>签退(&amp;S)</source>
        <translation>&amp;Sign out</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/end_shift_dialog.py" line="95"/>
        <source>签退</source>
        <translation>Sign out</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/end_shift_dialog.py" line="98"/>
        <source>继续值班(&amp;C)</source>
        <translation>Stay on duty (&amp;C)</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/end_shift_dialog.py" line="99"/>
        <source>继续值班</source>
        <translation>Stay on duty</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/end_shift_dialog.py" line="133"/>
        <source>本班（{0:%H:%M}–{1:%H:%M}）：来访 {2} 批，新登记案件 {3} 件，办理 {4} 项。
下个值班日：{5}。到那天为止要办的事 {6} 件（已超期 {7} 件）。</source>
        <translation>This shift ({0:%H:%M}–{1:%H:%M}): {2} visits, {3} new cases, {4} actions.
Next duty day: {5}. {6} things to do by then ({7} overdue).</translation>
    </message>
</context>
<context>
    <name>FiguresStrip</name>
    <message>
        <location filename="../../liaison_desk/ui/figures.py" line="75"/>
        <source>已超期</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/figures.py" line="75"/>
        <source>超过办理期限还没有办结的案件（快捷键 F6 查看）</source>
        <translation>Open cases past their deadline (F6 to see them)</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/figures.py" line="76"/>
        <source>即将到期</source>
        <translation>Due soon</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/figures.py" line="76"/>
        <source>几天内到期、还没有办结的案件</source>
        <translation>Open cases due within a few days</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/figures.py" line="77"/>
        <source>案件总数</source>
        <translation>Cases</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/figures.py" line="78"/>
        <source>正在办理</source>
        <translation>Open</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/figures.py" line="78"/>
        <source>尚未办结、也未撤回的案件</source>
        <translation>Cases neither closed nor withdrawn</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/figures.py" line="79"/>
        <source>已办结</source>
        <translation>Closed</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/figures.py" line="80"/>
        <source>办结率</source>
        <translation>Closure rate</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/figures.py" line="80"/>
        <source>已办结 ÷（全部案件 − 已撤回）</source>
        <translation>Closed ÷ (all cases − withdrawn)</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/figures.py" line="81"/>
        <source>解决率</source>
        <translation>Resolution rate</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/figures.py" line="81"/>
        <source>办结的案件中，问题已解决的比例</source>
        <translation>Share of closed cases whose problem was solved</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/figures.py" line="82"/>
        <source>满意率</source>
        <translation>Satisfaction rate</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/figures.py" line="82"/>
        <source>已评价的案件中，满意和基本满意的比例</source>
        <translation>Share of rated cases rated satisfied or basically satisfied</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/figures.py" line="83"/>
        <source>待同步</source>
        <translation>To sync</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/figures.py" line="83"/>
        <source>还没有传到县级平台的变更条数</source>
        <translation>Changes not yet sent to the county hub</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/figures.py" line="121"/>
        <source>统计数字暂时算不出来，详细信息已写入日志文件。</source>
        <translation>The figures cannot be counted just now; the details are in the log file.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/figures.py" line="145"/>
        <source>全部（{0}）</source>
        <translation>All ({0})</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/figures.py" line="148"/>
        <source>{0}（{1}）</source>
        <translation>{0} ({1})</translation>
    </message>
</context>
<context>
    <name>Forms</name>
    <message>
        <location filename="../../liaison_desk/ui/forms.py" line="43"/>
        <source>操作没有完成：遇到意外问题，详细信息已写入日志文件。已填写的内容都还在。</source>
        <translation>That did not work: something unexpected happened and the details are in the log file. What you typed is still here.</translation>
    </message>
</context>
<context>
    <name>HandoverPage</name>
    <message>
        <location filename="../../liaison_desk/ui/handover_page.py" line="86"/>
        <source>今日交接</source>
        <translation>Today&apos;s handover</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/handover_page.py" line="90"/>
        <source>值班情况</source>
        <translation>Duty</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/handover_page.py" line="94"/>
        <source>上一班留言</source>
        <translation>Note from the previous shift</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/handover_page.py" line="98"/>
        <source>正在读取交接内容……</source>
        <translation>Reading the handover…</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/handover_page.py" line="99"/>
        <source>正在读取</source>
        <translation>Reading</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/handover_page.py" line="101"/>
        <source>刷新(&amp;E)</source>
        <translation>R&amp;efresh</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/handover_page.py" line="102"/>
        <source>刷新交接内容</source>
        <translation>Refresh the handover</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/handover_page.py" line="104"/>
        <source>打印交接单(&amp;P)</source>
        <translation>&amp;Print the handover sheet</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/handover_page.py" line="105"/>
        <source>打印交接单</source>
        <translation>Print the handover sheet</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/handover_page.py" line="109"/>
        <source>已超期</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/handover_page.py" line="109"/>
        <source>没有超期的案件。</source>
        <translation>No overdue cases.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/handover_page.py" line="110"/>
        <source>下个值班日前到期</source>
        <translation>Due before the next duty day</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/handover_page.py" line="110"/>
        <source>近期没有到期的案件。</source>
        <translation>Nothing is due soon.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/handover_page.py" line="111"/>
        <source>上一班留下的在办案件</source>
        <translation>Left open by the previous shift</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/handover_page.py" line="111"/>
        <source>上一班没有留下在办案件。</source>
        <translation>The previous shift left no open cases.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/handover_page.py" line="112"/>
        <source>约定回电</source>
        <translation>Call-backs promised</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/handover_page.py" line="112"/>
        <source>没有约定要回电的群众。</source>
        <translation>No call-backs promised.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/handover_page.py" line="117"/>
        <location filename="../../liaison_desk/ui/handover_page.py" line="120"/>
        <source>本班来访</source>
        <translation>Visits this shift</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/handover_page.py" line="119"/>
        <location filename="../../liaison_desk/ui/handover_page.py" line="122"/>
        <source>本班办理</source>
        <translation>Actions this shift</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/handover_page.py" line="207"/>
        <source>未签退</source>
        <translation>not signed out</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/handover_page.py" line="208"/>
        <source>{0} {1} {2}（{3}–{4}）</source>
        <translation>{0} {1} {2} ({3}–{4})</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/handover_page.py" line="211"/>
        <source>今天：{0}&#x3000;下个值班日：{1}</source>
        <translation>Today: {0}   Next duty day: {1}</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/handover_page.py" line="213"/>
        <source>本班：{0}</source>
        <translation>This shift: {0}</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/handover_page.py" line="215"/>
        <source>上一班：{0}</source>
        <translation>Previous shift: {0}</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/handover_page.py" line="218"/>
        <source>上一班留言：{0}</source>
        <translation>Note from the previous shift: {0}</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/handover_page.py" line="224"/>
        <source>本班来访：{0} 批，新登记案件 {1} 件</source>
        <translation>Visits this shift: {0}, new cases: {1}</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/handover_page.py" line="230"/>
        <source>本班办理：{0} 项</source>
        <translation>Actions this shift: {0}</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../liaison_desk/ui/window_start.py" line="28"/>
        <source>退出(&amp;X)</source>
        <translation>E&amp;xit</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/window_start.py" line="30"/>
        <source>关于联络站值班台(&amp;A)</source>
        <translation>&amp;About LiaisonDesk</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/window_start.py" line="27"/>
        <source>值班(&amp;D)</source>
        <translation>&amp;Duty</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/window_start.py" line="29"/>
        <source>帮助(&amp;H)</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/window_start.py" line="39"/>
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
        <location filename="../../liaison_desk/ui/desk_pages.py" line="21"/>
        <source>今日交接</source>
        <translation>Today&apos;s handover</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/desk_pages.py" line="22"/>
        <source>来访登记</source>
        <translation>Walk-in</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/desk_pages.py" line="24"/>
        <source>超期提醒</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/main_window.py" line="164"/>
        <source>当前值班人员</source>
        <translation>Person on duty</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/desk_pages.py" line="25"/>
        <source>值班表</source>
        <translation>Roster</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/main_window.py" line="268"/>
        <source>未签到</source>
        <translation>Not signed in</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/main_window.py" line="270"/>
        <source>值班：{0}（{1}）</source>
        <translation>On duty: {0} ({1})</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/desk_pages.py" line="23"/>
        <source>案件列表</source>
        <translation>Case list</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/main_window.py" line="219"/>
        <source>（尚未设置）</source>
        <translation>(not set up)</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/main_window.py" line="219"/>
        <location filename="../../liaison_desk/ui/window_start.py" line="24"/>
        <source>联络站值班台 — {0}</source>
        <translation>LiaisonDesk — {0}</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/main_window.py" line="220"/>
        <location filename="../../liaison_desk/ui/window_start.py" line="25"/>
        <source> 【培训库】</source>
        <translation> [TRAINING]</translation>
    </message>
</context>
<context>
    <name>PreviewDialog</name>
    <message>
        <location filename="../../liaison_desk/ui/print_preview.py" line="259"/>
        <source>已打印，但没有记入打印记录，详细信息已写入日志文件。</source>
        <translation>Printed, but not entered in the print log; the details are in the log file.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/print_preview.py" line="98"/>
        <source>打印预览 — %1</source>
        <translation>Print preview — %1</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/print_preview.py" line="122"/>
        <source>共 %1 页</source>
        <translation>%1 pages</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/print_preview.py" line="125"/>
        <source>打印…</source>
        <translation>Print…</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/print_preview.py" line="126"/>
        <source>另存为 PDF…</source>
        <translation>Save as PDF…</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/print_preview.py" line="127"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/print_preview.py" line="146"/>
        <source>热敏纸 %1 毫米</source>
        <translation>Thermal roll %1 mm</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/print_preview.py" line="182"/>
        <source>无法连接打印机，请检查打印机是否开机、是否缺纸。</source>
        <translation>Cannot reach the printer: check that it is on and has paper.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/print_preview.py" line="202"/>
        <location filename="../../liaison_desk/ui/print_preview.py" line="262"/>
        <source>打印</source>
        <translation>Print</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/print_preview.py" line="216"/>
        <source>打印失败，详细信息已写入日志文件。</source>
        <translation>Printing failed; the details are in the log file.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/print_preview.py" line="226"/>
        <source>另存为 PDF</source>
        <translation>Save as PDF</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/print_preview.py" line="226"/>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/print_preview.py" line="245"/>
        <source>无法保存文件：%1</source>
        <translation>Cannot save the file: %1</translation>
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
        <location filename="../../liaison_desk/ui/print_preview.py" line="338"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>QueuePage</name>
    <message>
        <location filename="../../liaison_desk/ui/queue_page.py" line="26"/>
        <source>超期和即将到期的案件</source>
        <translation>Overdue and due-soon cases</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/queue_page.py" line="43"/>
        <source>已超期 {0} 件，几天内到期 {1} 件。超期最久、最紧急的排在最前面；按回车或双击打开案件。</source>
        <translation>{0} overdue, {1} due within a few days. The longest overdue and most urgent come first; press Enter or double-click to open a case.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/queue_page.py" line="50"/>
        <source>超期提醒（{0}）</source>
        <translation>Overdue ({0})</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/queue_page.py" line="50"/>
        <source>超期提醒</source>
        <translation>Overdue</translation>
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
    <name>RosterTab</name>
    <message>
        <location filename="../../liaison_desk/ui/roster_tab.py" line="32"/>
        <source>值班表暂时打不开，详细信息已写入日志文件。</source>
        <translation>The roster cannot be opened just now; the details are in the log file.</translation>
    </message>
</context>
<context>
    <name>RosterView</name>
    <message>
        <location filename="../../liaison_desk/ui/roster_view.py" line="51"/>
        <source>周一</source>
        <translation>Mon</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/roster_view.py" line="51"/>
        <source>周二</source>
        <translation>Tue</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/roster_view.py" line="51"/>
        <source>周三</source>
        <translation>Wed</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/roster_view.py" line="51"/>
        <source>周四</source>
        <translation>Thu</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/roster_view.py" line="51"/>
        <source>周五</source>
        <translation>Fri</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/roster_view.py" line="51"/>
        <source>周六</source>
        <translation>Sat</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/roster_view.py" line="51"/>
        <source>周日</source>
        <translation>Sun</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/roster_view.py" line="55"/>
        <source>上午</source>
        <translation>AM</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/roster_view.py" line="55"/>
        <source>下午</source>
        <translation>PM</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/roster_view.py" line="55"/>
        <source>全天</source>
        <translation>All day</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/roster_view.py" line="59"/>
        <source>已到岗</source>
        <translation>came</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/roster_view.py" line="59"/>
        <source>在岗</source>
        <translation>on duty</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/roster_view.py" line="59"/>
        <source>缺勤</source>
        <translation>missed</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/roster_view.py" line="59"/>
        <source>待值班</source>
        <translation>to come</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/roster_view.py" line="60"/>
        <source>计划外到岗</source>
        <translation>came unplanned</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/roster_view.py" line="117"/>
        <source>无值班安排</source>
        <translation>No duty planned</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/roster_view.py" line="144"/>
        <source>［替班］</source>
        <translation> [substitute]</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/roster_view.py" line="146"/>
        <source>［换班］</source>
        <translation> [swap]</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/roster_view.py" line="155"/>
        <source>第{0}周</source>
        <translation>Week {0}</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/roster_view.py" line="176"/>
        <source>上月</source>
        <translation>Previous month</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/roster_view.py" line="177"/>
        <source>本月</source>
        <translation>This month</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/roster_view.py" line="178"/>
        <source>下月</source>
        <translation>Next month</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/roster_view.py" line="190"/>
        <location filename="../../liaison_desk/ui/roster_view.py" line="244"/>
        <source>✓ 已到岗&#x3000;● 在岗&#x3000;✗ 缺勤&#x3000;＋ 计划外到岗；灰色为非接待日</source>
        <translation>✓ came  ● on duty  ✗ missed  ＋ came unplanned; grey: no reception</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/roster_view.py" line="226"/>
        <source>{0}年{1}月 值班安排</source>
        <translation>Duty roster {0}-{1}</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/roster_view.py" line="238"/>
        <source>固定在站：{0}</source>
        <translation>Keeps the station: {0}</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/roster_view.py" line="245"/>
        <source>本月缺勤 {0} 班</source>
        <translation>{0} missed this month</translation>
    </message>
</context>
<context>
    <name>Section</name>
    <message>
        <location filename="../../liaison_desk/ui/handover_page.py" line="63"/>
        <source>{0}（显示前 {1} 件）</source>
        <translation>{0} (first {1} shown)</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/handover_page.py" line="64"/>
        <source>{0}：{1} 件</source>
        <translation>{0}: {1}</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../liaison_desk/ui/settings_dialog.py" line="123"/>
        <source>本机</source>
        <translation>This PC</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/settings_dialog.py" line="123"/>
        <source>纸面信息</source>
        <translation>On paper</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/settings_dialog.py" line="93"/>
        <source>这些内容印在回执、交办函和督办通知上，全站通用。</source>
        <translation>Printed on receipts, assignment letters and supervision notices; the same for the whole station.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/settings_dialog.py" line="103"/>
        <source>站点电话(&amp;P)：</source>
        <translation>Station &amp;phone:</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/settings_dialog.py" line="103"/>
        <source>站点电话</source>
        <translation>Station phone</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/settings_dialog.py" line="98"/>
        <source>如 0551-62612345（座机带区号）</source>
        <translation>e.g. 0551-62612345 (landline with area code)</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/settings_dialog.py" line="104"/>
        <source>站点地址(&amp;A)：</source>
        <translation>Station &amp;address:</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/settings_dialog.py" line="104"/>
        <source>站点地址</source>
        <translation>Station address</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/settings_dialog.py" line="99"/>
        <source>如 河口镇柳树湾村村委会一楼</source>
        <translation>e.g. Village committee, ground floor</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/settings_dialog.py" line="105"/>
        <source>接待时间(&amp;H)：</source>
        <translation>Reception &amp;hours:</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/settings_dialog.py" line="105"/>
        <source>接待时间</source>
        <translation>Reception hours</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/settings_dialog.py" line="100"/>
        <source>如 每周二、周五 9:00—12:00</source>
        <translation>e.g. Tue and Fri 9:00–12:00</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/settings_dialog.py" line="106"/>
        <source>发文机关代字(&amp;O)：</source>
        <translation>&amp;Office short name:</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/settings_dialog.py" line="106"/>
        <source>发文机关代字</source>
        <translation>Office short name</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/settings_dialog.py" line="101"/>
        <source>如 河口人联</source>
        <translation>e.g. 河口人联</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/settings_dialog.py" line="107"/>
        <source>不填：乡镇名前两字加“人联”</source>
        <translation>Empty: the township&apos;s first two characters + 人联</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/settings_dialog.py" line="108"/>
        <source>抄送(&amp;C)：</source>
        <translation>&amp;Copy to:</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/settings_dialog.py" line="108"/>
        <source>抄送</source>
        <translation>Copy to</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/settings_dialog.py" line="102"/>
        <source>如 县人大常委会代表工作委员会</source>
        <translation>e.g. the county people&apos;s congress deputies&apos; committee</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/settings_dialog.py" line="109"/>
        <source>交办函的抄送；不填：本乡镇人大主席团</source>
        <translation>Copy of assignment letters; empty: the township congress presidium</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/settings_dialog.py" line="42"/>
        <location filename="../../liaison_desk/ui/settings_dialog.py" line="120"/>
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
        <location filename="../../liaison_desk/ui/settings_dialog.py" line="91"/>
        <source>大字模式</source>
        <translation>Large type</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/settings_dialog.py" line="86"/>
        <source>无人操作自动锁定(&amp;I)：</source>
        <translation>Lock when &amp;idle for:</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/settings_dialog.py" line="86"/>
        <source>自动锁定时间</source>
        <translation>Idle lock</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/settings_dialog.py" line="87"/>
        <source>回执纸宽(&amp;W)：</source>
        <translation>Receipt paper &amp;width:</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/settings_dialog.py" line="87"/>
        <source>回执纸宽</source>
        <translation>Receipt paper width</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/settings_dialog.py" line="88"/>
        <source>提前提醒到期(&amp;D)：</source>
        <translation>Warn of &amp;deadlines:</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/settings_dialog.py" line="88"/>
        <source>提前几天提醒到期</source>
        <translation>Days before a deadline to warn</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/settings_dialog.py" line="89"/>
        <source>默认办理时限(&amp;L)：</source>
        <translation>Default time &amp;limit:</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/settings_dialog.py" line="89"/>
        <source>默认办理时限</source>
        <translation>Default time limit</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/settings_dialog.py" line="113"/>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/settings_dialog.py" line="114"/>
        <source>保存设置</source>
        <translation>Save the settings</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/settings_dialog.py" line="116"/>
        <location filename="../../liaison_desk/ui/settings_dialog.py" line="117"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/settings_dialog.py" line="141"/>
        <source>请先签到。</source>
        <translation>Please sign in first.</translation>
    </message>
</context>
<context>
    <name>SetupWizard</name>
    <message>
        <location filename="../../liaison_desk/ui/setup_wizard.py" line="376"/>
        <source>联络站值班台 — 首次设置</source>
        <translation>LiaisonDesk — first-run set-up</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/setup_wizard.py" line="379"/>
        <source>下一步(&amp;N) &gt;</source>
        <translation>&amp;Next &gt;</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/setup_wizard.py" line="380"/>
        <source>&lt; 上一步(&amp;B)</source>
        <translation>&lt; &amp;Back</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/setup_wizard.py" line="381"/>
        <source>完成(&amp;F)</source>
        <translation>&amp;Finish</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/setup_wizard.py" line="382"/>
        <source>退出(&amp;Q)</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/setup_wizard.py" line="399"/>
        <source>请设置管理员密码（4–12 位数字）。</source>
        <translation>Please choose an administrator PIN (4–12 digits).</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/setup_wizard.py" line="402"/>
        <source>两次输入的密码不一致，请重新输入。</source>
        <translation>The two PINs differ; please type them again.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/setup_wizard.py" line="405"/>
        <source>管理员</source>
        <translation>Administrator</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/setup_wizard.py" line="462"/>
        <location filename="../../liaison_desk/ui/setup_wizard.py" line="470"/>
        <source>正在生成演示数据，可能要等一会儿，请稍候……</source>
        <translation>Generating demo data; this may take a little while…</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/setup_wizard.py" line="469"/>
        <source>已生成来访登记 {0} 条</source>
        <translation>{0} visits generated</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/setup_wizard.py" line="483"/>
        <source>生成演示数据时遇到意外问题，详细信息已写入日志文件。</source>
        <translation>Something unexpected went wrong while generating demo data. The details were written to the log file.</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <location filename="../../liaison_desk/ui/signin_dialog.py" line="64"/>
        <source>联络站值班台 — 已锁定</source>
        <translation>LiaisonDesk — Locked</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/signin_dialog.py" line="64"/>
        <source>联络站值班台 — 值班签到</source>
        <translation>LiaisonDesk — Sign in</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/signin_dialog.py" line="71"/>
        <source>已锁定</source>
        <translation>Locked</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/signin_dialog.py" line="71"/>
        <source>值班签到</source>
        <translation>Duty sign-in</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/signin_dialog.py" line="74"/>
        <source>{0} 离开时间较长，值班台已自动锁定。请重新输入密码；换人值班请选择自己的名字。</source>
        <translation>{0} was away for a while, so the desk locked itself. Enter the PIN again; if someone else takes over, pick your own name.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/signin_dialog.py" line="77"/>
        <source>请在名单中选择自己（也可以输入或扫描值班编码），再输入密码。</source>
        <translation>Pick your name in the list (or type or scan your duty card code), then enter your PIN.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/signin_dialog.py" line="79"/>
        <source>培训库的密码：代表 1234，工作人员 1234，管理员 123456。</source>
        <translation>Training database PINs: deputies 1234, staff 1234, administrator 123456.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/signin_dialog.py" line="83"/>
        <source>输入姓名或编码查找，例如 D001</source>
        <translation>Type a name or code to find it, e.g. D001</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/signin_dialog.py" line="84"/>
        <source>姓名或值班编码</source>
        <translation>Name or duty card code</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/signin_dialog.py" line="87"/>
        <source>值班人员名单</source>
        <translation>People who may sign in</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/signin_dialog.py" line="94"/>
        <source>4–12 位数字</source>
        <translation>4–12 digits</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/signin_dialog.py" line="95"/>
        <source>密码</source>
        <translation>PIN</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/signin_dialog.py" line="101"/>
        <source>错误提示</source>
        <translation>Error</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/signin_dialog.py" line="102"/>
        <source>签到(&amp;S)</source>
        <translation>&amp;Sign in</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/signin_dialog.py" line="102"/>
        <source>解锁(&amp;S)</source>
        <translation>Unlock (&amp;S)</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/signin_dialog.py" line="106"/>
        <source>退出值班台(&amp;Q)</source>
        <translation>&amp;Quit the desk</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/signin_dialog.py" line="107"/>
        <source>退出值班台</source>
        <translation>Quit the desk</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/signin_dialog.py" line="112"/>
        <source>查找(&amp;F)：</source>
        <translation>&amp;Find:</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/signin_dialog.py" line="114"/>
        <source>值班人员(&amp;N)：</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/signin_dialog.py" line="116"/>
        <source>密码(&amp;P)：</source>
        <translation>&amp;PIN:</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/signin_dialog.py" line="181"/>
        <source>&#x3000;今日值班</source>
        <translation>  on duty today</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/signin_dialog.py" line="187"/>
        <source>还没有开通值班账号，请联系工作人员。</source>
        <translation>No desk account yet; ask the station staff.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/signin_dialog.py" line="225"/>
        <source>名单刚刚更新，请重新选择自己。</source>
        <translation>The list has just been updated; please choose yourself again.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/signin_dialog.py" line="337"/>
        <source>请先在名单中选择自己。</source>
        <translation>Pick your name in the list first.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/signin_dialog.py" line="341"/>
        <source>请输入密码。</source>
        <translation>Please enter your PIN.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/signin_dialog.py" line="348"/>
        <source>正在打开数据库，请稍候…</source>
        <translation>Opening the database, please wait…</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/signin_dialog.py" line="148"/>
        <location filename="../../liaison_desk/ui/signin_dialog.py" line="152"/>
        <source>电脑日期可能不对</source>
        <translation>The PC&apos;s date may be wrong</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/signin_dialog.py" line="153"/>
        <source>先去改电脑日期</source>
        <translation>Fix the PC&apos;s date first</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/signin_dialog.py" line="154"/>
        <source>日期没错，继续签到</source>
        <translation>The date is right, sign in</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/signin_dialog.py" line="317"/>
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
        <location filename="../../liaison_desk/ui/setup_wizard.py" line="64"/>
        <source>欢迎使用联络站值班台</source>
        <translation>Welcome to LiaisonDesk</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/setup_wizard.py" line="65"/>
        <source>第一次使用，请先填写本联络站的基本情况。带“例如”的灰字只是示范，请换成本站的实际内容。</source>
        <translation>Before the first use, please describe this station. Grey text starting with “e.g.” is only an example.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/setup_wizard.py" line="67"/>
        <source>例如：柳树湾村人大代表联络站</source>
        <translation>e.g. Liushuwan Village Deputy Liaison Station</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/setup_wizard.py" line="70"/>
        <source>2–8 位字母或数字，例如 LX01</source>
        <translation>2–8 letters or digits, e.g. LX01</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/setup_wizard.py" line="74"/>
        <source>例如：河口镇</source>
        <translation>e.g. Hekou Town</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/setup_wizard.py" line="84"/>
        <source>联络站名称(&amp;N)：</source>
        <translation>Station &amp;name:</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/setup_wizard.py" line="84"/>
        <source>联络站名称</source>
        <translation>Station name</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/setup_wizard.py" line="85"/>
        <source>站点代码(&amp;C)：</source>
        <translation>Station &amp;code:</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/setup_wizard.py" line="85"/>
        <source>站点代码</source>
        <translation>Station code</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/setup_wizard.py" line="86"/>
        <source>用于案件编号，设置后不能更改。不能用容易和数字混淆的字母 I、O、Q、S、Z。</source>
        <translation>Used in case numbers; it cannot be changed later. The letters I, O, Q, S and Z are not allowed (they look like digits).</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/setup_wizard.py" line="87"/>
        <source>所在乡镇（街道）(&amp;T)：</source>
        <translation>&amp;Township:</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/setup_wizard.py" line="87"/>
        <source>所在乡镇</source>
        <translation>Township</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/setup_wizard.py" line="88"/>
        <source>站点类型(&amp;K)：</source>
        <translation>&amp;Kind:</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/setup_wizard.py" line="88"/>
        <source>站点类型</source>
        <translation>Station kind</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/setup_wizard.py" line="89"/>
        <source>填入演示数据（培训用）(&amp;D)</source>
        <translation>Fill with &amp;demo data (training)</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/setup_wizard.py" line="90"/>
        <source>填入演示数据（培训用）</source>
        <translation>Fill with demo data (training)</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/setup_wizard.py" line="91"/>
        <source>建立一个培训用的示范联络站，并填入虚构的来访和案件，供学习操作。培训库不会同步到县级平台。</source>
        <translation>Creates a training station filled with made-up visits and cases to practise on. It is never synced to the county hub.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/setup_wizard.py" line="98"/>
        <source>正在生成演示数据</source>
        <translation>Generating demo data</translation>
    </message>
</context>
<context>
    <name>SyncMenu</name>
    <message>
        <location filename="../../liaison_desk/ui/sync_menu.py" line="44"/>
        <source>立即同步(&amp;Y)</source>
        <translation>S&amp;ync now</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/sync_menu.py" line="46"/>
        <source>导出同步文件（U 盘）(&amp;E)…</source>
        <translation>&amp;Export sync file (USB stick)…</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/sync_menu.py" line="47"/>
        <source>导入县级回执文件(&amp;I)…</source>
        <translation>&amp;Import the hub&apos;s answer file…</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/sync_menu.py" line="48"/>
        <source>同步冲突(&amp;C)…</source>
        <translation>Sync &amp;conflicts…</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/sync_menu.py" line="81"/>
        <source>导出同步文件</source>
        <translation>Export sync file</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/sync_menu.py" line="82"/>
        <location filename="../../liaison_desk/ui/sync_menu.py" line="96"/>
        <source>同步文件 (*.json)</source>
        <translation>Sync files (*.json)</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/sync_menu.py" line="88"/>
        <source>已导出 {0} 条变更到 {1}。请把这个文件带到县级平台导入。</source>
        <translation>Exported {0} change(s) to {1}. Take this file to the county hub to import it.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/sync_menu.py" line="95"/>
        <source>导入县级回执文件</source>
        <translation>Import the hub&apos;s answer file</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/sync_menu.py" line="103"/>
        <source>已导入：确认 {0} 条，被拒 {1} 条。</source>
        <translation>Imported: {0} acknowledged, {1} refused.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/sync_menu.py" line="105"/>
        <source>这个回执接在一个尚未导入的回执之后，请先导入更早的回执。</source>
        <translation> This answer follows one not imported yet: import the earlier answer first.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/sync_menu.py" line="119"/>
        <source>同步文件</source>
        <translation>Sync file</translation>
    </message>
</context>
<context>
    <name>WalkInForm</name>
    <message>
        <location filename="../../liaison_desk/ui/walkin_form.py" line="79"/>
        <source>来访登记</source>
        <translation>Walk-in</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/walkin_form.py" line="89"/>
        <source>登记结果</source>
        <translation>Registration result</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/walkin_form.py" line="93"/>
        <source>多人来访用顿号分开，例如：张三、李四</source>
        <translation>Several visitors: separate with 、 e.g. 张三、李四</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/walkin_form.py" line="96"/>
        <source>手机或带区号的座机</source>
        <translation>Mobile, or landline with area code</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/walkin_form.py" line="99"/>
        <source>输入一两个字即可选择</source>
        <translation>Type a character or two to choose</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/walkin_form.py" line="114"/>
        <source>群众反映的问题和诉求，尽量写清时间、地点和经过</source>
        <translation>The problem and the request, with when, where and what happened</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/walkin_form.py" line="129"/>
        <source>来访人(&amp;N)：</source>
        <translation>Visitor (&amp;N):</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/walkin_form.py" line="129"/>
        <source>来访人姓名</source>
        <translation>Visitor&apos;s name</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/walkin_form.py" line="130"/>
        <source>联系电话(&amp;P)：</source>
        <translation>&amp;Phone:</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/walkin_form.py" line="130"/>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/walkin_form.py" line="131"/>
        <source>老朋友再来时，输入电话就能看到他以前反映的事。</source>
        <translation>For a returning visitor, the phone number brings up what they raised before.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/walkin_form.py" line="132"/>
        <source>村（社区）(&amp;V)：</source>
        <translation>&amp;Village:</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/walkin_form.py" line="132"/>
        <source>村（社区）</source>
        <translation>Village</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/walkin_form.py" line="133"/>
        <source>来访人数(&amp;H)：</source>
        <translation>&amp;How many people:</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/walkin_form.py" line="133"/>
        <source>来访人数</source>
        <translation>Number of visitors</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/walkin_form.py" line="134"/>
        <source>来访方式(&amp;W)：</source>
        <translation>Channel (&amp;W):</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/walkin_form.py" line="134"/>
        <source>来访方式</source>
        <translation>Channel</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/walkin_form.py" line="135"/>
        <source>接待代表(&amp;D)：</source>
        <translation>Receiving &amp;deputy:</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/walkin_form.py" line="135"/>
        <source>接待代表</source>
        <translation>Receiving deputy</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/walkin_form.py" line="136"/>
        <source>反映内容(&amp;C)：</source>
        <translation>Matter raised (&amp;C):</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/walkin_form.py" line="136"/>
        <source>反映内容</source>
        <translation>Matter raised</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/walkin_form.py" line="137"/>
        <source>类别(&amp;T)：</source>
        <translation>Ca&amp;tegory:</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/walkin_form.py" line="137"/>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/walkin_form.py" line="138"/>
        <source>紧急程度(&amp;U)：</source>
        <translation>&amp;Urgency:</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/walkin_form.py" line="138"/>
        <source>紧急程度</source>
        <translation>Urgency</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/walkin_form.py" line="139"/>
        <source>分办颜色(&amp;L)：</source>
        <translation>Triage co&amp;lour:</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/walkin_form.py" line="139"/>
        <source>分办颜色</source>
        <translation>Triage</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/walkin_form.py" line="146"/>
        <source>这位来访人以前反映的事项</source>
        <translation>What this visitor raised before</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/walkin_form.py" line="159"/>
        <source>相似的在办案件</source>
        <translation>Similar open cases</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/walkin_form.py" line="168"/>
        <source>保存并打印回执(&amp;S)</source>
        <translation>&amp;Save and print the receipt</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/walkin_form.py" line="169"/>
        <source>保存并打印回执</source>
        <translation>Save and print the receipt</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/walkin_form.py" line="170"/>
        <source>快捷键 Ctrl+S</source>
        <translation>Shortcut Ctrl+S</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/walkin_form.py" line="172"/>
        <source>清空重填(&amp;R)</source>
        <translation>Clear the fo&amp;rm</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/walkin_form.py" line="173"/>
        <source>清空重填</source>
        <translation>Clear the form</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/walkin_form.py" line="222"/>
        <source>（不指定）</source>
        <translation>(not given)</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/walkin_form.py" line="231"/>
        <source>（请选择）</source>
        <translation>(choose)</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/walkin_form.py" line="288"/>
        <source>上次没有保存的登记已经恢复，请核对后保存。</source>
        <translation>The registration that was not saved last time has been restored. Check it, then save.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/walkin_form.py" line="317"/>
        <source>这位来访人以前来过：{0}，反映过 {1} 件事。</source>
        <translation>This visitor has been here before: {0}, {1} matters raised.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/walkin_form.py" line="347"/>
        <source>有 {0} 件相似的在办案件，请先看看是不是同一件事：</source>
        <translation>{0} similar open cases: check whether it is the same matter first:</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/walkin_form.py" line="367"/>
        <source>请先签到再登记。</source>
        <translation>Please sign in before registering.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/walkin_form.py" line="370"/>
        <source>请填写群众反映的内容。</source>
        <translation>Please write down the matter raised.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/walkin_form.py" line="374"/>
        <source>发现相似的在办案件（见右下方）。如果确实是新的事项，请再按一次“保存”。</source>
        <translation>Similar open cases were found (below right). If this really is a new matter, press “Save” again.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/walkin_form.py" line="404"/>
        <source>已登记，案件编号：{0}。请把编号告诉来访人。</source>
        <translation>Registered as case {0}. Please give the number to the visitor.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/walkin_form.py" line="415"/>
        <source>回执 {0}</source>
        <translation>Receipt {0}</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/walkin_form.py" line="420"/>
        <source>已登记，案件编号：{0}。回执没有打开，可以稍后在案件页面补打。</source>
        <translation>Registered as case {0}. The receipt did not open; it can be reprinted later.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/walkin_form.py" line="380"/>
        <source>电脑日期可能不对：请先把电脑的日期和时间改正确（或确认日期无误）再登记。已填写的内容都还在。</source>
        <translation>The PC&apos;s date may be wrong: set the date and time right (or confirm it) before registering. What you typed is still here.</translation>
    </message>
</context>
</TS>
