<?xml version='1.0' encoding='utf-8'?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>CaseTableModel</name>
    <message>
        <location filename="../../liaison_desk/ui/case_table_model.py" line="36" />
        <source>编号</source>
        <translation>Number</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/case_table_model.py" line="37" />
        <source>登记时间</source>
        <translation>Registered</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/case_table_model.py" line="38" />
        <source>摘要</source>
        <translation>Summary</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/case_table_model.py" line="39" />
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/case_table_model.py" line="40" />
        <source>村（社区）</source>
        <translation>Village</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/case_table_model.py" line="41" />
        <source>分办颜色</source>
        <translation>Triage</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/case_table_model.py" line="42" />
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/case_table_model.py" line="43" />
        <source>承办单位</source>
        <translation>Department</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/case_table_model.py" line="44" />
        <source>办理期限</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/case_table_model.py" line="206" />
        <source>已超过办理期限</source>
        <translation>Past its deadline</translation>
    </message>
</context>
<context>
    <name>Desk</name>
    <message>
        <location filename="../../liaison_desk/ui/desk.py" line="29" />
        <source>程序遇到意外问题，详细信息已写入日志文件。</source>
        <translation>Something unexpected went wrong. The details were written to the log file.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/desk.py" line="45" />
        <source>确定</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/desk.py" line="82" />
        <source>联络站值班台</source>
        <translation>LiaisonDesk</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/desk.py" line="112" />
        <location filename="../../liaison_desk/ui/desk.py" line="117" />
        <source>无法打开数据库</source>
        <translation>Cannot open the database</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/desk.py" line="118" />
        <source>无法打开数据目录中的数据库：
{0}

详细信息已写入日志文件。</source>
        <translation>Cannot open the database in the data directory:
{0}

The details were written to the log file.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../liaison_desk/ui/main_window.py" line="77" />
        <source>刷新(&amp;R)</source>
        <translation>&amp;Refresh</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/main_window.py" line="80" />
        <source>按状态筛选(&amp;F)</source>
        <translation>&amp;Filter by status</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/main_window.py" line="83" />
        <source>退出(&amp;X)</source>
        <translation>E&amp;xit</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/main_window.py" line="86" />
        <source>关于联络站值班台(&amp;A)</source>
        <translation>&amp;About LiaisonDesk</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/main_window.py" line="91" />
        <source>文件(&amp;F)</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/main_window.py" line="93" />
        <source>查看(&amp;V)</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/main_window.py" line="96" />
        <source>帮助(&amp;H)</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/main_window.py" line="106" />
        <source>【培训库】这里是培训用的演示数据，人名和事项都是虚构的，不会同步到县级平台。</source>
        <translation>[TRAINING] This is demo data for training: the people and matters are made up, and nothing is sent to the county hub.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/main_window.py" line="110" />
        <source>培训库提示</source>
        <translation>Training database notice</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/main_window.py" line="117" />
        <source>案件总数</source>
        <translation>Cases</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/main_window.py" line="118" />
        <source>正在办理</source>
        <translation>Open</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/main_window.py" line="118" />
        <source>尚未办结、也未撤回的案件</source>
        <translation>Cases neither closed nor withdrawn</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/main_window.py" line="119" />
        <source>已办结</source>
        <translation>Closed</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/main_window.py" line="120" />
        <source>办结率</source>
        <translation>Closure rate</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/main_window.py" line="120" />
        <source>已办结 ÷（全部案件 − 已撤回）</source>
        <translation>Closed ÷ (all cases − withdrawn)</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/main_window.py" line="121" />
        <source>解决率</source>
        <translation>Resolution rate</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/main_window.py" line="121" />
        <source>办结的案件中，问题已解决的比例</source>
        <translation>Share of closed cases whose problem was solved</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/main_window.py" line="122" />
        <source>满意率</source>
        <translation>Satisfaction rate</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/main_window.py" line="122" />
        <source>已评价的案件中，满意和基本满意的比例</source>
        <translation>Share of rated cases rated satisfied or basically satisfied</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/main_window.py" line="123" />
        <source>待同步</source>
        <translation>To sync</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/main_window.py" line="123" />
        <source>还没有传到县级平台的变更条数</source>
        <translation>Changes not yet sent to the county hub</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/main_window.py" line="132" />
        <source>按状态筛选案件</source>
        <translation>Filter cases by status</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/main_window.py" line="133" />
        <source>快捷键 Ctrl+F</source>
        <translation>Shortcut: Ctrl+F</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/main_window.py" line="135" />
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/main_window.py" line="139" />
        <source>案件状态(&amp;S)：</source>
        <translation>Case &amp;status:</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/main_window.py" line="141" />
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/main_window.py" line="142" />
        <source>刷新案件列表</source>
        <translation>Refresh the case list</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/main_window.py" line="143" />
        <source>重新读取案件和统计数字（快捷键 F5）</source>
        <translation>Reload the cases and figures (shortcut: F5)</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/main_window.py" line="146" />
        <source>案件数</source>
        <translation>Number of cases</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/main_window.py" line="156" />
        <source>案件列表</source>
        <translation>Case list</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/main_window.py" line="179" />
        <source>案件列表为空</source>
        <translation>The case list is empty</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/main_window.py" line="192" />
        <source>（尚未设置）</source>
        <translation>(not set up)</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/main_window.py" line="193" />
        <source>联络站值班台 — {0}</source>
        <translation>LiaisonDesk — {0}</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/main_window.py" line="196" />
        <source> 【培训库】</source>
        <translation> [TRAINING]</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/main_window.py" line="226" />
        <source>全部（{0}）</source>
        <translation>All ({0})</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/main_window.py" line="230" />
        <source>{0}（{1}）</source>
        <translation>{0} ({1})</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/main_window.py" line="265" />
        <source>还没有登记任何案件。
群众来访登记成案后，会显示在这里。</source>
        <translation>No cases have been registered yet.
Cases registered from visits will appear here.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/main_window.py" line="267" />
        <source>没有状态为“{0}”的案件。</source>
        <translation>No cases with the status “{0}”.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/main_window.py" line="276" />
        <source>共 {0} 件</source>
        <translation>{0} cases</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/main_window.py" line="278" />
        <source>已显示 {0} 件，共 {1} 件。向下滚动可看到更多。</source>
        <translation>Showing {0} of {1} cases. Scroll down to see more.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/main_window.py" line="279" />
        <source>已显示全部 {0} 件。</source>
        <translation>Showing all {0} cases.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/main_window.py" line="287" />
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
        <location filename="../../liaison_desk/ui/main_window.py" line="291" />
        <source>关于联络站值班台</source>
        <translation>About LiaisonDesk</translation>
    </message>
</context>
<context>
    <name>SetupDialog</name>
    <message>
        <location filename="../../liaison_desk/ui/setup_dialog.py" line="56" />
        <source>联络站值班台 — 首次设置</source>
        <translation>LiaisonDesk — first-run set-up</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/setup_dialog.py" line="65" />
        <source>欢迎使用联络站值班台</source>
        <translation>Welcome to LiaisonDesk</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/setup_dialog.py" line="67" />
        <source>第一次使用，请先填写本联络站的基本情况。带“例如”的灰字只是示范，请换成本站的实际内容。</source>
        <translation>Before the first use, please describe this station. Grey text starting with “e.g.” is only an example.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/setup_dialog.py" line="71" />
        <source>例如：柳树湾村人大代表联络站</source>
        <translation>e.g. Liushuwan Village Deputy Liaison Station</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/setup_dialog.py" line="74" />
        <source>2–8 位字母或数字，例如 LX01</source>
        <translation>2–8 letters or digits, e.g. LX01</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/setup_dialog.py" line="79" />
        <source>例如：河口镇</source>
        <translation>e.g. Hekou Town</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/setup_dialog.py" line="91" />
        <source>4–12 位数字</source>
        <translation>4–12 digits</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/setup_dialog.py" line="92" />
        <source>再输入一次，以免输错</source>
        <translation>Type it again to avoid typos</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/setup_dialog.py" line="97" />
        <source>联络站名称(&amp;N)：</source>
        <translation>Station &amp;name:</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/setup_dialog.py" line="97" />
        <source>站点代码(&amp;C)：</source>
        <translation>Station &amp;code:</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/setup_dialog.py" line="98" />
        <source>所在乡镇（街道）(&amp;T)：</source>
        <translation>&amp;Township:</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/setup_dialog.py" line="98" />
        <source>站点类型(&amp;K)：</source>
        <translation>&amp;Kind:</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/setup_dialog.py" line="99" />
        <source>管理员密码(&amp;P)：</source>
        <translation>Administrator &amp;PIN:</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/setup_dialog.py" line="99" />
        <source>确认密码(&amp;R)：</source>
        <translation>&amp;Repeat PIN:</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/setup_dialog.py" line="100" />
        <source>联络站名称</source>
        <translation>Station name</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/setup_dialog.py" line="100" />
        <source>站点代码</source>
        <translation>Station code</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/setup_dialog.py" line="100" />
        <source>所在乡镇</source>
        <translation>Township</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/setup_dialog.py" line="101" />
        <source>站点类型</source>
        <translation>Station kind</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/setup_dialog.py" line="101" />
        <source>管理员密码</source>
        <translation>Administrator PIN</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/setup_dialog.py" line="101" />
        <source>确认管理员密码</source>
        <translation>Repeat administrator PIN</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/setup_dialog.py" line="102" />
        <source>用于案件编号，设置后不能更改。不能用容易和数字混淆的字母 I、O、Q、S、Z。</source>
        <translation>Used in case numbers; it cannot be changed later. The letters I, O, Q, S and Z are not allowed (they look like digits).</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/setup_dialog.py" line="103" />
        <source>管理员的登录名为 admin。请牢记所设密码。</source>
        <translation>The administrator logs in as admin. Keep the PIN in mind.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/setup_dialog.py" line="130" />
        <source>错误提示</source>
        <translation>Error</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/setup_dialog.py" line="147" />
        <source>正在生成演示数据</source>
        <translation>Generating demo data</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/setup_dialog.py" line="152" />
        <source>完成设置(&amp;S)</source>
        <translation>&amp;Set up</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/setup_dialog.py" line="154" />
        <source>完成设置</source>
        <translation>Set up</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/setup_dialog.py" line="156" />
        <source>填入演示数据（培训用）(&amp;D)</source>
        <translation>Fill with &amp;demo data (training)</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/setup_dialog.py" line="157" />
        <source>填入演示数据（培训用）</source>
        <translation>Fill with demo data (training)</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/setup_dialog.py" line="158" />
        <source>建立一个培训用的示范联络站，并填入虚构的来访和案件，供学习操作。培训库不会同步到县级平台。</source>
        <translation>Creates a training station filled with made-up visits and cases to practise on. It is never synced to the county hub.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/setup_dialog.py" line="161" />
        <source>退出(&amp;Q)</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/setup_dialog.py" line="162" />
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/setup_dialog.py" line="246" />
        <source>请设置管理员密码（4–12 位数字）。</source>
        <translation>Please choose an administrator PIN (4–12 digits).</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/setup_dialog.py" line="249" />
        <source>两次输入的密码不一致，请重新输入。</source>
        <translation>The two PINs differ; please type them again.</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/setup_dialog.py" line="269" />
        <location filename="../../liaison_desk/ui/setup_dialog.py" line="293" />
        <source>正在生成演示数据，可能要等一会儿，请稍候……</source>
        <translation>Generating demo data; this may take a little while…</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/setup_dialog.py" line="292" />
        <source>已生成来访登记 {0} 条</source>
        <translation>{0} visits generated</translation>
    </message>
    <message>
        <location filename="../../liaison_desk/ui/setup_dialog.py" line="308" />
        <source>生成演示数据时遇到意外问题，详细信息已写入日志文件。</source>
        <translation>Something unexpected went wrong while generating demo data. The details were written to the log file.</translation>
    </message>
</context>
</TS>