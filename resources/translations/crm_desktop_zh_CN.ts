<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AddressFields</name>
    <message>
        <location filename="../../crm_desktop/ui/dialogs/address.py" line="+38"/>
        <source>Street and number</source>
        <translation>街道和门牌号</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Street</source>
        <translation>街道</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>City</source>
        <translation>城市</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>State / province</source>
        <translation>省/州</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Postal code</source>
        <translation>邮政编码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Country</source>
        <translation>国家/地区</translation>
    </message>
</context>
<context>
    <name>Application</name>
    <message>
        <location filename="../../crm_desktop/ui/application.py" line="+123"/>
        <source>crm-desktop cannot start</source>
        <translation>crm-desktop 无法启动</translation>
    </message>
</context>
<context>
    <name>ChannelList</name>
    <message>
        <location filename="../../crm_desktop/ui/dialogs/channel_list.py" line="+39"/>
        <source>Saved as %1</source>
        <translation>将保存为 %1</translation>
    </message>
    <message>
        <location line="+115"/>
        <source>+ Add e-mail</source>
        <translation>+ 添加邮箱</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>+ Add phone</source>
        <translation>+ 添加电话</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>+ Add profile</source>
        <translation>+ 添加账号</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>name@example.com</source>
        <translation>name@example.com</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>User name or profile link</source>
        <translation>用户名或主页链接</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
</context>
<context>
    <name>CompaniesPage</name>
    <message>
        <location filename="../../crm_desktop/ui/companies_page.py" line="+96"/>
        <source>New company</source>
        <translation>新建公司</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <location line="-10"/>
        <source>Show people</source>
        <translation>查看联系人</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>1 company</source>
        <translation>1 家公司</translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <source>%Ln companies</source>
        <translation>
            <numerusform>%Ln 家公司</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Move the selected company to the trash? Its people stay.</source>
        <translation>要将所选公司移到回收站吗？其联系人会保留。</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Move the %Ln selected companies to the trash? Their people stay.</source>
        <translation>
            <numerusform>要将所选的 %Ln 家公司移到回收站吗？其联系人会保留。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>1 company moved to the trash.</source>
        <translation>已将 1 家公司移到回收站。</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%Ln companies moved to the trash.</source>
        <translation>
            <numerusform>已将 %Ln 家公司移到回收站。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tag “%1” added to 1 company.</source>
        <translation>已为 1 家公司添加标签“%1”。</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Tag “%1” added to %Ln companies.</source>
        <translation>
            <numerusform>已为 %Ln 家公司添加标签“%1”。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tag “%1” removed from 1 company.</source>
        <translation>已从 1 家公司移除标签“%1”。</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Tag “%1” removed from %Ln companies.</source>
        <translation>
            <numerusform>已从 %Ln 家公司移除标签“%1”。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The selected companies have no tags.</source>
        <translation>所选公司没有标签。</translation>
    </message>
</context>
<context>
    <name>CompanyDialog</name>
    <message>
        <location filename="../../crm_desktop/ui/dialogs/company_dialog.py" line="+29"/>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Company</source>
        <translation>公司</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>e.g. Acme Ltd. or 华为技术有限公司</source>
        <translation>例如：华为技术有限公司 或 Acme Ltd.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Website</source>
        <translation>网站</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>e.g. Manufacturing, Retail, Software</source>
        <translation>例如：制造业、零售业、软件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Industry</source>
        <translation>行业</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Employees</source>
        <translation>员工人数</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Contact details</source>
        <translation>联系方式</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>info@example.com</source>
        <translation>info@example.com</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>E-mail</source>
        <translation>邮箱</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>More</source>
        <translation>更多</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>New company</source>
        <translation>新建公司</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Edit company – %1</source>
        <translation>编辑公司 – %1</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>A company named “%1” already exists.</source>
        <translation>已存在名为“%1”的公司。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save anyway?</source>
        <translation>仍要保存吗？</translation>
    </message>
</context>
<context>
    <name>CompanyFilterCombo</name>
    <message>
        <location filename="../../crm_desktop/ui/contacts_page.py" line="+117"/>
        <location line="+19"/>
        <source>All companies</source>
        <translation>全部公司</translation>
    </message>
</context>
<context>
    <name>CompanyTableModel</name>
    <message>
        <location filename="../../crm_desktop/ui/companies_page.py" line="-73"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Industry</source>
        <translation>行业</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>People</source>
        <translation>联系人</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Email</source>
        <translation>邮箱</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Website</source>
        <translation>网站</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>City</source>
        <translation>城市</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Country</source>
        <translation>国家/地区</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Employees</source>
        <translation>员工人数</translation>
    </message>
</context>
<context>
    <name>ContactDialog</name>
    <message>
        <location filename="../../crm_desktop/ui/dialogs/contact_dialog.py" line="+78"/>
        <source>Person</source>
        <translation>联系人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>e.g. Alice or 伟</source>
        <translation>例如：伟 或 Alice</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>e.g. Smith or 张</source>
        <translation>例如：张 或 Smith</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Given name</source>
        <translation>名字</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Family name</source>
        <translation>姓氏</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>e.g. Purchasing manager</source>
        <translation>例如：采购经理</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Job title</source>
        <translation>职位</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Type to find a company or add a new one</source>
        <translation>输入名称以查找公司或添加新公司</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Company</source>
        <translation>公司</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Contact details</source>
        <translation>联系方式</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>E-mail</source>
        <translation>邮箱</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Social profiles</source>
        <translation>社交账号</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Website</source>
        <translation>网站</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Preferred channel</source>
        <translation>首选联系方式</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>More</source>
        <translation>更多</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Set a birthday</source>
        <translation>设置生日</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Birthday known</source>
        <translation>已知生日</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Birthday</source>
        <translation>生日</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>New person</source>
        <translation>新建联系人</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Edit person – %1</source>
        <translation>编辑联系人 – %1</translation>
    </message>
    <message>
        <location line="+63"/>
        <source>A person with the phone number %1 already exists: %2.</source>
        <translation>已存在电话号码为 %1 的联系人：%2。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A person with the e-mail address %1 already exists: %2.</source>
        <translation>已存在电子邮件地址为 %1 的联系人：%2。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Save anyway?</source>
        <translation>仍要保存吗？</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Split into given name “%1” and family name “%2”</source>
        <translation>拆分为名字“%1”和姓氏“%2”</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>“%1” is a new company. It will be added when you save.</source>
        <translation>“%1”是新公司，将在保存时添加。</translation>
    </message>
</context>
<context>
    <name>ContactTableModel</name>
    <message>
        <location filename="../../crm_desktop/ui/contacts_page.py" line="-97"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Company</source>
        <translation>公司</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Title</source>
        <translation>职位</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Email</source>
        <translation>邮箱</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>City</source>
        <translation>城市</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Country</source>
        <translation>国家/地区</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Updated</source>
        <translation>更新时间</translation>
    </message>
</context>
<context>
    <name>ContactsPage</name>
    <message>
        <location line="+156"/>
        <source>New person</source>
        <translation>新建联系人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>1 person</source>
        <translation>1 位联系人</translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <source>%Ln people</source>
        <translation>
            <numerusform>%Ln 位联系人</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Move the selected person to the trash?</source>
        <translation>要将所选联系人移到回收站吗？</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Move the %Ln selected people to the trash?</source>
        <translation>
            <numerusform>要将所选的 %Ln 位联系人移到回收站吗？</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>1 person moved to the trash.</source>
        <translation>已将 1 位联系人移到回收站。</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%Ln people moved to the trash.</source>
        <translation>
            <numerusform>已将 %Ln 位联系人移到回收站。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tag “%1” added to 1 person.</source>
        <translation>已为 1 位联系人添加标签“%1”。</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Tag “%1” added to %Ln people.</source>
        <translation>
            <numerusform>已为 %Ln 位联系人添加标签“%1”。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tag “%1” removed from 1 person.</source>
        <translation>已从 1 位联系人移除标签“%1”。</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Tag “%1” removed from %Ln people.</source>
        <translation>
            <numerusform>已从 %Ln 位联系人移除标签“%1”。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The selected people have no tags.</source>
        <translation>所选联系人没有标签。</translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <location filename="../../crm_desktop/ui/crash.py" line="+106"/>
        <source>Unexpected error</source>
        <translation>程序错误</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&lt;b&gt;Something went wrong.&lt;/b&gt;&lt;br&gt;crm-desktop ran into a problem it did not expect. Everything you saved before is safe. If the window looks wrong, save your work and restart the app.&lt;br&gt;Please send the details below when you report the problem.</source>
        <translation>&lt;b&gt;出错了。&lt;/b&gt;&lt;br&gt;crm-desktop 遇到了意外问题。之前保存的所有内容都安然无恙。如果窗口显示异常，请保存您的工作并重新启动程序。&lt;br&gt;报告问题时，请附上下方的详细信息。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Log file: %1</source>
        <translation>日志文件：%1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Copy details</source>
        <translation>复制详细信息(&amp;C)</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Copied</source>
        <translation>已复制</translation>
    </message>
</context>
<context>
    <name>FieldsTab</name>
    <message>
        <location filename="../../crm_desktop/ui/manage_dialog.py" line="+179"/>
        <source>Fields of people</source>
        <translation>联系人字段</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fields of companies</source>
        <translation>公司字段</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Add field…</source>
        <translation>添加字段…</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Add field</source>
        <translation>添加字段</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name of the new field (e.g. WeChat group, VAT number):</source>
        <translation>新字段的名称（例如：微信群、税号）：</translation>
    </message>
</context>
<context>
    <name>GlobalSearch</name>
    <message>
        <location filename="../../crm_desktop/ui/global_search.py" line="+26"/>
        <location filename="../../crm_desktop/ui/main_window.py" line="+135"/>
        <source>Search people and companies  (Ctrl+K)</source>
        <translation>搜索联系人和公司  (Ctrl+K)</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>No people or companies match “%1”</source>
        <translation>没有与“%1”匹配的联系人或公司</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <location filename="../../crm_desktop/ui/dialogs/labels.py" line="+20"/>
        <source>Work</source>
        <translation>工作</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Home</source>
        <translation>家庭</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mobile</source>
        <translation>手机</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fax</source>
        <translation>传真</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+14"/>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <location line="-7"/>
        <location line="+18"/>
        <source>WeChat</source>
        <translation>微信</translation>
    </message>
    <message>
        <location line="-17"/>
        <source>QQ</source>
        <translation>QQ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>LinkedIn</source>
        <translation>领英</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>X (Twitter)</source>
        <translation>X (Twitter)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Facebook</source>
        <translation>Facebook</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>WhatsApp</source>
        <translation>WhatsApp</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Skype</source>
        <translation>Skype</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>No preference</source>
        <translation>无偏好</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>E-mail</source>
        <translation>电子邮件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Phone call</source>
        <translation>电话</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Text message</source>
        <translation>短信</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Meeting</source>
        <translation>会面</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Post</source>
        <translation>邮寄</translation>
    </message>
</context>
<context>
    <name>ListPage</name>
    <message>
        <location filename="../../crm_desktop/ui/list_widgets.py" line="+55"/>
        <source>Filter this list</source>
        <translation>筛选此列表</translation>
    </message>
    <message>
        <location line="+68"/>
        <source>All tags</source>
        <translation>全部标签</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>All owners</source>
        <translation>全部负责人</translation>
    </message>
    <message>
        <location line="+179"/>
        <source>Add tag…</source>
        <translation>添加标签…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remove tag…</source>
        <translation>移除标签…</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+76"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location line="-57"/>
        <source>Select at most %1 rows at a time.</source>
        <translation>一次最多只能选择 %1 行。</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>Add tag</source>
        <translation>添加标签</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Remove tag</source>
        <translation>移除标签</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tag:</source>
        <translation>标签：</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Cannot change the list</source>
        <translation>无法更改列表</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/list_page.py" line="+182"/>
        <source>Sorting…</source>
        <translation>正在排序…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Searching…</source>
        <translation>正在搜索…</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../crm_desktop/ui/main_window.py" line="-48"/>
        <source>crm-desktop</source>
        <translation>crm-desktop</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>People</source>
        <translation>联系人</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Companies</source>
        <translation>公司</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Trash</source>
        <translation>回收站</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Main</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>New &amp;person…</source>
        <translation>新建联系人(&amp;P)…</translation>
    </message>
    <message>
        <location line="-61"/>
        <source>Opening %1…</source>
        <translation>正在打开 %1…</translation>
    </message>
    <message>
        <location line="+62"/>
        <source>New &amp;company…</source>
        <translation>新建公司(&amp;C)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Load &amp;demo data…</source>
        <translation>加载示例数据(&amp;D)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tags, owners and &amp;fields…</source>
        <translation>标签、负责人和字段(&amp;F)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Search</source>
        <translation>搜索(&amp;S)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;People</source>
        <translation>联系人(&amp;P)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Companies</source>
        <translation>公司(&amp;C)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Trash</source>
        <translation>回收站(&amp;T)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Filter this list</source>
        <translation>筛选此列表(&amp;F)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;About crm-desktop</source>
        <translation>关于 crm-desktop(&amp;A)</translation>
    </message>
    <message>
        <location line="+101"/>
        <source>+ New company</source>
        <translation>+ 新建公司</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>+ New person</source>
        <translation>+ 新建联系人</translation>
    </message>
    <message>
        <location line="+30"/>
        <location line="+4"/>
        <source>Person saved.</source>
        <translation>联系人已保存。</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+4"/>
        <source>Company saved.</source>
        <translation>公司已保存。</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Demo data</source>
        <translation>示例数据</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Added demo data: %1 and %2.</source>
        <translation>已添加示例数据：%1和%2。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Load demo data</source>
        <translation>加载示例数据</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add a few hundred sample people and companies with tags and owners? You can delete them later from the lists.</source>
        <translation>要添加几百个带标签和负责人的示例联系人和公司吗？以后可以在列表中将其删除。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>About crm-desktop</source>
        <translation>关于 crm-desktop</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;h3&gt;crm-desktop %1&lt;/h3&gt;&lt;p&gt;An offline-first CRM for small businesses. Your data stays in one file on this computer:&lt;/p&gt;&lt;p&gt;&lt;tt&gt;%2&lt;/tt&gt;&lt;/p&gt;</source>
        <translation>&lt;h3&gt;crm-desktop %1&lt;/h3&gt;&lt;p&gt;面向小型企业的离线优先 CRM。您的数据保存在本机的一个文件中：&lt;/p&gt;&lt;p&gt;&lt;tt&gt;%2&lt;/tt&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>1 person</source>
        <translation>1 位联系人</translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <source>%Ln people</source>
        <translation>
            <numerusform>%Ln 位联系人</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>1 company</source>
        <translation>1 家公司</translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <source>%Ln companies</source>
        <translation>
            <numerusform>%Ln 家公司</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ManageDialog</name>
    <message>
        <location filename="../../crm_desktop/ui/manage_dialog.py" line="-161"/>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Prospect</source>
        <translation>潜在客户</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Partner</source>
        <translation>合作伙伴</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Supplier</source>
        <translation>供应商</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
    <message>
        <location line="+152"/>
        <source>Tags, owners and fields</source>
        <translation>标签、负责人和字段</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Owners</source>
        <translation>负责人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Custom fields</source>
        <translation>自定义字段</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <location filename="../../crm_desktop/ui/messages.py" line="+26"/>
        <source>Enter a name (given or family name).</source>
        <translation>请输入姓名（名字或姓氏）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This field is required.</source>
        <translation>此项为必填项。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>“%1” is not a valid e-mail address.</source>
        <translation>“%1”不是有效的电子邮件地址。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>“%1” is not a valid phone number for the default country. Add the country code, e.g. +86 or +1.</source>
        <translation>“%1”不是默认国家/地区的有效电话号码。请加上国际区号，例如 +86 或 +1。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>This text is too long.</source>
        <translation>文本过长。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The date cannot be in the future.</source>
        <translation>日期不能晚于今天。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Enter zero or a positive number.</source>
        <translation>请输入 0 或正数。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>That company no longer exists.</source>
        <translation>该公司已不存在。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>“%1” already exists.</source>
        <translation>“%1”已存在。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Choose a colour such as #2d7ff9.</source>
        <translation>请选择一种颜色，例如 #2d7ff9。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This value is not valid.</source>
        <translation>此值无效。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The database %1 is locked by another program. Close the other program (or another copy of crm-desktop using it) and try again.</source>
        <translation>数据库 %1 已被其他程序锁定。请关闭该程序（或正在使用它的另一个 crm-desktop 窗口）后重试。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The database %1 cannot be written: the file or its folder is read-only. Check its permissions or choose another data folder.</source>
        <translation>无法写入数据库 %1：该文件或其所在文件夹为只读。请检查权限，或选择其他数据文件夹。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The disk holding %1 is full. Free some space and try again; nothing was saved from the last change.</source>
        <translation>%1 所在的磁盘已满。请释放一些空间后重试；上一次更改的内容均未保存。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The database %1 is damaged. It was not changed. Restore it from a backup in the backups folder next to it.</source>
        <translation>数据库 %1 已损坏，但未被更改。请使用同一位置 backups 文件夹中的备份进行恢复。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The file %1 is not a crm-desktop database. It was not changed. Choose another data folder or move the file away.</source>
        <translation>文件 %1 不是 crm-desktop 数据库，未对其进行任何更改。请选择其他数据文件夹，或将该文件移走。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The database %1 was written by a newer version of crm-desktop. Install the newer version to open it; this version will not change it.</source>
        <translation>数据库 %1 由更新版本的 crm-desktop 写入。请安装新版本后再打开；当前版本不会更改它。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The database %1 cannot be opened.</source>
        <translation>无法打开数据库 %1。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>This record no longer exists. It may have been deleted.</source>
        <translation>此记录已不存在，可能已被删除。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The data folder %1 cannot be used: %2. Choose a folder you can write to with --data-dir.</source>
        <translation>无法使用数据文件夹 %1：%2。请用 --data-dir 指定一个可写入的文件夹。</translation>
    </message>
</context>
<context>
    <name>OwnersTab</name>
    <message>
        <location filename="../../crm_desktop/ui/manage_dialog.py" line="-77"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>E-mail</source>
        <translation>邮箱</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add owner…</source>
        <translation>添加负责人…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The people who own contacts and companies.</source>
        <translation>负责联系人和公司的人员。</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Add owner</source>
        <translation>添加负责人</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Name:</source>
        <translation>姓名：</translation>
    </message>
</context>
<context>
    <name>RecordDialog</name>
    <message>
        <location filename="../../crm_desktop/ui/dialogs/form.py" line="+193"/>
        <source>No owner</source>
        <translation>无负责人</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/dialogs/record_dialog.py" line="+69"/>
        <source>Save (Ctrl+Enter)</source>
        <translation>保存 (Ctrl+Enter)</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Possible duplicate</source>
        <translation>可能重复</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save anyway</source>
        <translation>仍然保存</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>e.g. Referral, Website, Trade fair</source>
        <translation>例如：转介绍、网站、展会</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>Please correct the highlighted fields.</source>
        <translation>请更正标出的字段。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Discard changes?</source>
        <translation>放弃更改？</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>You have unsaved changes. Close without saving them?</source>
        <translation>您有未保存的更改。确定不保存就关闭吗？</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Discard changes</source>
        <translation>放弃更改</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keep editing</source>
        <translation>继续编辑</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../crm_desktop/ui/dialogs/settings_dialog.py" line="+70"/>
        <location line="+105"/>
        <location line="+22"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location line="-100"/>
        <source>General</source>
        <translation>常规</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>System language</source>
        <translation>系统语言</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The new language is used after you restart crm-desktop.</source>
        <translation>重新启动 crm-desktop 后才会使用新语言。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+10"/>
        <source>Automatic (%1)</source>
        <translation>自动（%1）</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>Default country for phone numbers</source>
        <translation>电话号码默认国家/地区</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Phone numbers typed without a country code belong to this country.</source>
        <translation>未加国际区号的电话号码将按此国家/地区处理。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Currency</source>
        <translation>货币</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Chinese yuan</source>
        <translation>人民币</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>US dollar</source>
        <translation>美元</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Euro</source>
        <translation>欧元</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>British pound</source>
        <translation>英镑</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Japanese yen</source>
        <translation>日元</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hong Kong dollar</source>
        <translation>港元</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>New Taiwan dollar</source>
        <translation>新台币</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Singapore dollar</source>
        <translation>新加坡元</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Australian dollar</source>
        <translation>澳大利亚元</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Canadian dollar</source>
        <translation>加拿大元</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Swiss franc</source>
        <translation>瑞士法郎</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Data folder</source>
        <translation>数据文件夹</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Backups</source>
        <translation>备份</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Log files</source>
        <translation>日志文件</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Open folder</source>
        <translation>打开文件夹</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The folder does not exist yet.</source>
        <translation>该文件夹尚不存在。</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>The folder %1 could not be opened.</source>
        <translation>无法打开文件夹 %1。</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>The settings could not be saved: %1</source>
        <translation>无法保存设置：%1</translation>
    </message>
</context>
<context>
    <name>TagEdit</name>
    <message>
        <location filename="../../crm_desktop/ui/dialogs/tag_editor.py" line="+46"/>
        <source>e.g. VIP, Trade fair 2024 (separate with commas)</source>
        <translation>例如：VIP，2024 展会（用逗号分隔）</translation>
    </message>
</context>
<context>
    <name>TagsTab</name>
    <message>
        <location filename="../../crm_desktop/ui/manage_dialog.py" line="-88"/>
        <source>Tag</source>
        <translation>标签</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Colour</source>
        <translation>颜色</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add tag…</source>
        <translation>添加标签…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Double-click a name to rename it. Renaming a tag renames it on every person and company that has it.</source>
        <translation>双击名称即可重命名。重命名标签后，所有带有该标签的联系人和公司都会随之更新。</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Tag colour</source>
        <translation>标签颜色</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Add tag</source>
        <translation>添加标签</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Name of the new tag:</source>
        <translation>新标签的名称：</translation>
    </message>
</context>
<context>
    <name>TrashModel</name>
    <message>
        <location filename="../../crm_desktop/ui/trash_page.py" line="+82"/>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Deleted</source>
        <translation>删除时间</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Person</source>
        <translation>联系人</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Company</source>
        <translation>公司</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>(no name)</source>
        <translation>（无名称）</translation>
    </message>
</context>
<context>
    <name>TrashPage</name>
    <message>
        <location line="+21"/>
        <location line="+120"/>
        <source>Trash</source>
        <translation>回收站</translation>
    </message>
    <message>
        <location line="-117"/>
        <source>Deleted people and companies stay here until you delete them permanently. Restoring puts them back where they were.</source>
        <translation>已删除的联系人和公司会保留在这里，直到您将其永久删除。恢复后，它们会回到原来的位置。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The trash is empty.</source>
        <translation>回收站是空的。</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>&amp;Restore</source>
        <translation>恢复(&amp;R)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Put the selected records back (Enter or double-click)</source>
        <translation>恢复所选记录（按 Enter 键或双击）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Delete permanently</source>
        <translation>永久删除(&amp;D)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete the selected records for good (Delete key)</source>
        <translation>永久删除所选记录（按 Delete 键）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Empty trash</source>
        <translation>清空回收站(&amp;E)</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>Permanently delete 1 item? This cannot be undone.</source>
        <translation>要永久删除 1 个项目吗？此操作无法撤消。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Permanently delete %1 items? This cannot be undone.</source>
        <translation>要永久删除 %1 个项目吗？此操作无法撤消。</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+4"/>
        <source>Delete permanently</source>
        <translation>永久删除</translation>
    </message>
</context>
</TS>
