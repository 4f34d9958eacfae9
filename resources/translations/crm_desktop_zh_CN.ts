<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ActivityDialog</name>
    <message>
        <location filename="../../crm_desktop/ui/customer/dialogs.py" line="+137"/>
        <source>Edit activity</source>
        <translation>编辑活动</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Log activity</source>
        <translation>记录活动</translation>
    </message>
    <message>
        <location line="+9"/>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Connected</source>
        <translation>已接通</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Left a voicemail</source>
        <translation>已留语音信箱</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>No answer</source>
        <translation>无人接听</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Interested</source>
        <translation>有兴趣</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Not interested</source>
        <translation>没有兴趣</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Follow up later</source>
        <translation>稍后跟进</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Pin on top of the timeline</source>
        <translation>置顶于时间线</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Subject</source>
        <translation>主题</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Duration</source>
        <translation>时长</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
</context>
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
        <location filename="../../crm_desktop/ui/application.py" line="+127"/>
        <source>crm-desktop cannot start</source>
        <translation>crm-desktop 无法启动</translation>
    </message>
</context>
<context>
    <name>BackgroundAttach</name>
    <message>
        <location filename="../../crm_desktop/ui/customer/jobs.py" line="+33"/>
        <source>Copying %1 into the CRM…</source>
        <translation>正在将 %1 复制到 CRM…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>BackupsDialog</name>
    <message>
        <location filename="../../crm_desktop/ui/backups_dialog.py" line="+54"/>
        <source>Made by you</source>
        <translation>手动备份</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Daily</source>
        <translation>每日备份</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Before an import</source>
        <translation>导入前</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Before deleting for good</source>
        <translation>永久删除前</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Before a merge</source>
        <translation>合并前</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Before a restore</source>
        <translation>恢复前</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Before encryption was changed</source>
        <translation>更改加密前</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Before erasing a person</source>
        <translation>彻底清除联系人前</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Before an upgrade</source>
        <translation>升级前</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>Backups and security</source>
        <translation>备份与安全</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Backups</source>
        <translation>备份</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Security</source>
        <translation>安全</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Change folder…</source>
        <translation>更改文件夹…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open folder</source>
        <translation>打开文件夹</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>People</source>
        <translation>联系人</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Companies</source>
        <translation>公司</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check</source>
        <translation>校验</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>No backups yet. The first one is made when you start crm-desktop, or now with “Back up now”.</source>
        <translation>还没有备份。启动 crm-desktop 时会自动创建第一个备份，也可以点击“立即备份”。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Back up now</source>
        <translation>立即备份</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+180"/>
        <location line="+3"/>
        <source>Verify</source>
        <translation>校验</translation>
    </message>
    <message>
        <location line="-181"/>
        <source>Restore…</source>
        <translation>恢复…</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>How many backups are kept</source>
        <translation>保留多少个备份</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Always keep the latest</source>
        <translation>始终保留最近的</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Days with one backup kept</source>
        <translation>按天保留（每天一个）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Weeks with one backup kept</source>
        <translation>按周保留（每周一个）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Months with one backup kept</source>
        <translation>按月保留（每月一个）</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Encryption</source>
        <translation>加密</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Remove encryption…</source>
        <translation>取消加密…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Keep the passphrase in the system keychain</source>
        <translation>将密码短语保存在系统钥匙串中</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No system keychain is available on this computer.</source>
        <translation>此电脑上没有可用的系统钥匙串。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Never</source>
        <translation>从不</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Lock crm-desktop after this long without use</source>
        <translation>闲置多久后锁定 crm-desktop</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The database, its backups and the attached files can be read by your user account only.</source>
        <translation>数据库、备份和附件只有您的用户帐户可以读取。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>App lock</source>
        <translation>应用锁</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Files</source>
        <translation>文件</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Backups are kept in %1</source>
        <translation>备份保存在 %1</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Verified</source>
        <translation>已校验</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Damaged</source>
        <translation>已损坏</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Not checked</source>
        <translation>未校验</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Quickly checked</source>
        <translation>已快速校验</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1, encrypted</source>
        <translation>%1，已加密</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Making a backup…</source>
        <translation>正在备份…</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>The backup is sound.</source>
        <translation>此备份完好。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The backup is damaged and cannot be restored: %1</source>
        <translation>此备份已损坏，无法恢复：%1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Restoring…</source>
        <translation>正在恢复…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Opening the restored database…</source>
        <translation>正在打开恢复后的数据库…</translation>
    </message>
    <message>
        <location line="+15"/>
        <location line="+20"/>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <location line="-19"/>
        <source>The backup of %1 was restored. What the database held before is kept in %2.</source>
        <translation>已恢复 %1 的备份。恢复前的数据库内容保存在 %2。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>1 person</source>
        <translation>1 位联系人</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 people</source>
        <translation>%1 位联系人</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>1 company</source>
        <translation>1 家公司</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 companies</source>
        <translation>%1 家公司</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 and %2</source>
        <translation>%1和%2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Replace everything in the database by the backup of %1?</source>
        <translation>用 %1 的备份替换数据库中的全部内容吗？</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>It holds %1.</source>
        <translation>该备份包含%1。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A backup of the database as it is now is made first, so this can be undone.</source>
        <translation>恢复前会先备份当前数据库，因此可以撤销此操作。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Folder for backups</source>
        <translation>备份文件夹</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>The database is encrypted: it opens only with its passphrase, and so do its new backups.</source>
        <translation>数据库已加密：只有输入密码短语才能打开，新的备份也是如此。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Change passphrase…</source>
        <translation>更改密码短语…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The database is not encrypted. Encrypt it so that no one can read it without the passphrase, e.g. on a lost laptop.</source>
        <translation>数据库未加密。加密后，没有密码短语的人（例如捡到丢失笔记本电脑的人）将无法读取。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Encrypt…</source>
        <translation>加密…</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Remove encryption</source>
        <translation>取消加密</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Store the database without encryption? Anyone with access to the file can then read it.</source>
        <translation>以不加密的方式保存数据库吗？之后任何能访问该文件的人都可以读取它。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Done. Backups made before this change keep the previous protection until rotation removes them. crm-desktop closes now; start it again to go on.</source>
        <translation>完成。此前创建的备份在被轮换删除之前仍保持原来的保护方式。crm-desktop 现在将关闭，请重新启动以继续使用。</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Checking the copy…</source>
        <translation>正在校验副本…</translation>
    </message>
</context>
<context>
    <name>BarChart</name>
    <message>
        <location filename="../../crm_desktop/ui/dashboard/charts.py" line="+117"/>
        <source>Nothing in this period</source>
        <translation>此期间没有数据</translation>
    </message>
</context>
<context>
    <name>Board</name>
    <message>
        <location filename="../../crm_desktop/ui/pipeline/board.py" line="+132"/>
        <source>New deal in this stage</source>
        <translation>在此阶段新建商机</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>1 deal</source>
        <translation>1 个商机</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 deals</source>
        <translation>%1 个商机</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 · %2
weighted %3</source>
        <translation>%1 · %2
加权 %3</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Weighted: each deal&apos;s value × its probability</source>
        <translation>加权：每个商机的金额 × 成交概率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>* several currencies</source>
        <translation>* 含多种货币</translation>
    </message>
    <message>
        <location line="+65"/>
        <source>Won</source>
        <translation>赢单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lost</source>
        <translation>输单</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/pipeline/board_model.py" line="+159"/>
        <source>In this stage for 1 day.</source>
        <translation>已在此阶段 1 天。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>In this stage for %1 days.</source>
        <translation>已在此阶段 %1 天。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Rotting: longer in this stage than %1 days, with nothing scheduled.</source>
        <translation>停滞：在此阶段已超过 %1 天，且没有安排任何任务。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Next: %1</source>
        <translation>下一步：%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No next step scheduled.</source>
        <translation>没有安排下一步。</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/pipeline/cards.py" line="+152"/>
        <source>%1 d</source>
        <translation>%1 天</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No next step</source>
        <translation>无下一步</translation>
    </message>
</context>
<context>
    <name>CandidateTableModel</name>
    <message>
        <location filename="../../crm_desktop/ui/duplicates/dialog.py" line="+100"/>
        <source>Confidence</source>
        <translation>可信度</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Possible duplicate</source>
        <translation>可能的重复</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Why</source>
        <translation>原因</translation>
    </message>
</context>
<context>
    <name>CaseDialog</name>
    <message>
        <location filename="../../crm_desktop/ui/customer/dialogs.py" line="+203"/>
        <source>Open a service case</source>
        <translation>新建服务工单</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Subject</source>
        <translation>主题</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Priority</source>
        <translation>优先级</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Description</source>
        <translation>描述</translation>
    </message>
</context>
<context>
    <name>CasesPanel</name>
    <message>
        <location filename="../../crm_desktop/ui/customer/panels.py" line="+226"/>
        <source>Open case…</source>
        <translation>新建工单…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start work</source>
        <translation>开始处理</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Resolve</source>
        <translation>解决</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reopen</source>
        <translation>重新打开</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add to conversation…</source>
        <translation>添加到沟通记录…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Case</source>
        <translation>工单</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Priority</source>
        <translation>优先级</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Opened</source>
        <translation>创建于</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Resolved</source>
        <translation>已解决</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1 open, %2 resolved</source>
        <translation>%1 个未解决，%2 个已解决</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No service cases yet.</source>
        <translation>尚无服务工单。</translation>
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
        <location line="+6"/>
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
        <location filename="../../crm_desktop/ui/contacts_page.py" line="+120"/>
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
    <name>ConditionRow</name>
    <message>
        <location filename="../../crm_desktop/ui/segments/builder.py" line="+103"/>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Remove this condition</source>
        <translation>删除此条件</translation>
    </message>
</context>
<context>
    <name>Consent</name>
    <message>
        <location filename="../../crm_desktop/ui/dialogs/consent.py" line="+20"/>
        <source>Not recorded</source>
        <translation>未记录</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Consent</source>
        <translation>同意</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Contract</source>
        <translation>合同履行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Legal obligation</source>
        <translation>法律义务</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Vital interests</source>
        <translation>重大利益</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Public task</source>
        <translation>公共任务</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Legitimate interest</source>
        <translation>正当利益</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Do not contact</source>
        <translation>请勿联系</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>Why you may hold this person&apos;s data (GDPR Art. 6)</source>
        <translation>您可保存此人数据的依据（GDPR 第 6 条）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Consent given on a known date</source>
        <translation>已知同意日期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Consent withdrawn on a known date</source>
        <translation>已知撤回同意日期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>e.g. Signed form at the trade fair, web form</source>
        <translation>例如：展会上签署的表格、网页表单</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Do not contact this person</source>
        <translation>请勿联系此人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No follow-up reminders for them, and list exports leave them out</source>
        <translation>不会为其生成跟进提醒，列表导出时也会排除此人</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Lawful basis</source>
        <translation>法律依据</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Consent given</source>
        <translation>同意日期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Consent withdrawn</source>
        <translation>撤回同意日期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>How consent was given</source>
        <translation>同意方式</translation>
    </message>
</context>
<context>
    <name>ContactDialog</name>
    <message>
        <location filename="../../crm_desktop/ui/dialogs/contact_dialog.py" line="+62"/>
        <source>Data protection</source>
        <translation>数据保护</translation>
    </message>
    <message>
        <location line="+19"/>
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
        <location line="+7"/>
        <source>Edit person – %1</source>
        <translation>编辑联系人 – %1</translation>
    </message>
    <message>
        <location line="+65"/>
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
        <location filename="../../crm_desktop/ui/contacts_page.py" line="-99"/>
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
        <location line="+0"/>
        <source>Score</source>
        <translation>评分</translation>
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
        <location line="+158"/>
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
    <name>CountDelegate</name>
    <message>
        <location filename="../../crm_desktop/ui/segments/panel.py" line="+51"/>
        <source>counting…</source>
        <translation>计数中…</translation>
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
    <name>CustomerArea</name>
    <message>
        <location filename="../../crm_desktop/ui/customer/navigation.py" line="+85"/>
        <source>Back (Alt+Left)</source>
        <translation>后退（Alt+左箭头）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Forward (Alt+Right)</source>
        <translation>前进（Alt+右箭头）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close and show the list</source>
        <translation>关闭并显示列表</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Edit every field, e-mail and phone in the full form</source>
        <translation>在完整表单中编辑所有字段、邮箱和电话</translation>
    </message>
    <message>
        <location line="+93"/>
        <source>Person</source>
        <translation>联系人</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Company</source>
        <translation>公司</translation>
    </message>
</context>
<context>
    <name>CustomerHeader</name>
    <message>
        <location filename="../../crm_desktop/ui/customer/header.py" line="+179"/>
        <source>Photo</source>
        <translation>照片</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Choose a photo…</source>
        <translation>选择照片…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove the photo</source>
        <translation>移除照片</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Do not contact</source>
        <translation>请勿联系</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This person asked not to be contacted: no follow-up reminders, left out of list exports</source>
        <translation>此人要求不被联系：不生成跟进提醒，列表导出时排除</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Consent withdrawn</source>
        <translation>已撤回同意</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Consent was the lawful basis and has been withdrawn</source>
        <translation>法律依据为“同意”，且同意已被撤回</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Customer since</source>
        <translation>成为客户</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Last interaction</source>
        <translation>最近互动</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Next follow-up</source>
        <translation>下次跟进</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Open deals</source>
        <translation>进行中的商机</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lifetime revenue</source>
        <translation>累计收入</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Outstanding balance</source>
        <translation>未结余额</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Score</source>
        <translation>评分</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>Owner: %1</source>
        <translation>负责人：%1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>No e-mail or phone yet</source>
        <translation>尚无邮箱或电话</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Never</source>
        <translation>从未</translation>
    </message>
</context>
<context>
    <name>CustomerPage</name>
    <message>
        <location filename="../../crm_desktop/ui/customer/page.py" line="+122"/>
        <source>People</source>
        <translation>联系人</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Related people</source>
        <translation>关联人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Details</source>
        <translation>详细信息</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Deals</source>
        <translation>商机</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Tasks</source>
        <translation>任务</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Orders</source>
        <translation>订单</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Service cases</source>
        <translation>服务工单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Files</source>
        <translation>文件</translation>
    </message>
    <message>
        <location line="+76"/>
        <source>Log call</source>
        <translation>记录通话</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+111"/>
        <source>Log e-mail</source>
        <translation>记录邮件</translation>
    </message>
    <message>
        <location line="-110"/>
        <source>Log meeting</source>
        <translation>记录会议</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add note</source>
        <translation>添加备注</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Not available in this version</source>
        <translation>此版本不可用</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Schedule follow-up</source>
        <translation>安排跟进</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Create deal</source>
        <translation>创建商机</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add order</source>
        <translation>添加订单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open case</source>
        <translation>新建工单</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+148"/>
        <location line="+29"/>
        <source>Attach file</source>
        <translation>附加文件</translation>
    </message>
    <message>
        <location line="-175"/>
        <source>Undo delete</source>
        <translation>撤销删除</translation>
    </message>
    <message>
        <location line="+17"/>
        <location line="+227"/>
        <source>Move to trash</source>
        <translation>移到回收站</translation>
    </message>
    <message>
        <location line="-175"/>
        <source>Activity logged.</source>
        <translation>活动已记录。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Activity saved.</source>
        <translation>活动已保存。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Do not contact</source>
        <translation>请勿联系</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 is marked “do not contact”. Contact them anyway?</source>
        <translation>%1 已标记为“请勿联系”。仍要联系吗？</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Contact anyway</source>
        <translation>仍然联系</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Log an e-mail to %1 on the timeline?</source>
        <translation>在时间线上记录发给 %1 的邮件吗？</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Follow-up scheduled.</source>
        <translation>已安排跟进。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Deal created.</source>
        <translation>商机已创建。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Order added.</source>
        <translation>订单已添加。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Payment recorded.</source>
        <translation>付款已记录。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Service case opened.</source>
        <translation>服务工单已创建。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Relationship added.</source>
        <translation>关系已添加。</translation>
    </message>
    <message>
        <location line="+21"/>
        <location line="+5"/>
        <source>File attached.</source>
        <translation>文件已附加。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Attaching cancelled.</source>
        <translation>已取消附加文件。</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+8"/>
        <source>Choose a photo</source>
        <translation>选择照片</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>Images (*.png *.jpg *.jpeg *.gif *.bmp *.webp)</source>
        <translation>图片 (*.png *.jpg *.jpeg *.gif *.bmp *.webp)</translation>
    </message>
    <message>
        <location line="+27"/>
        <location line="+42"/>
        <source>Open file</source>
        <translation>打开文件</translation>
    </message>
    <message>
        <location line="-9"/>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Unpin</source>
        <translation>取消置顶</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Pin on top</source>
        <translation>置顶</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Restore this value (“%1”)</source>
        <translation>恢复为旧值（“%1”）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Open %1</source>
        <translation>打开 %1</translation>
    </message>
    <message>
        <location line="+22"/>
        <location line="+5"/>
        <source>Moved to the trash. Undo with Ctrl+Z.</source>
        <translation>已移到回收站。按 Ctrl+Z 撤销。</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Restore this value</source>
        <translation>恢复旧值</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 restored.</source>
        <translation>%1 已恢复。</translation>
    </message>
</context>
<context>
    <name>CustomerTexts</name>
    <message>
        <location filename="../../crm_desktop/ui/customer/texts.py" line="+26"/>
        <source>Call</source>
        <translation>通话</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+45"/>
        <source>E-mail</source>
        <translation>邮件</translation>
    </message>
    <message>
        <location line="-44"/>
        <source>Meeting</source>
        <translation>会议</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stage changed</source>
        <translation>阶段变更</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Task done</source>
        <translation>任务完成</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Deal won</source>
        <translation>商机赢单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Deal lost</source>
        <translation>商机输单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Recorded</source>
        <translation>系统记录</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Task created</source>
        <translation>任务创建</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Task completed</source>
        <translation>任务完成</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Deal created</source>
        <translation>商机创建</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Order</source>
        <translation>订单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Payment</source>
        <translation>付款</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Case opened</source>
        <translation>工单创建</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Case resolved</source>
        <translation>工单解决</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>File added</source>
        <translation>文件添加</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Field changed</source>
        <translation>字段变更</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Calls</source>
        <translation>通话</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>E-mails</source>
        <translation>邮件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Meetings</source>
        <translation>会议</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+30"/>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <location line="-29"/>
        <source>Tasks</source>
        <translation>任务</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Deals</source>
        <translation>商机</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Orders and payments</source>
        <translation>订单与付款</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Service cases</source>
        <translation>服务工单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Files</source>
        <translation>文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Field changes</source>
        <translation>字段变更</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Given name</source>
        <translation>名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Family name</source>
        <translation>姓</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Title</source>
        <translation>职位</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location line="+1"/>
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
        <source>Region</source>
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
    <message>
        <location line="+1"/>
        <source>Website</source>
        <translation>网站</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Preferred channel</source>
        <translation>首选联系方式</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Birthday</source>
        <translation>生日</translation>
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
        <location line="+1"/>
        <source>Company</source>
        <translation>公司</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Industry</source>
        <translation>行业</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Employees</source>
        <translation>员工数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lawful basis</source>
        <translation>法律依据</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Consent given</source>
        <translation>同意日期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Consent withdrawn</source>
        <translation>撤回同意日期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Do not contact</source>
        <translation>请勿联系</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Open</source>
        <translation>未结</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>In progress</source>
        <translation>处理中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Resolved</source>
        <translation>已解决</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Paid</source>
        <translation>已付</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Won</source>
        <translation>赢单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lost</source>
        <translation>输单</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Complaint</source>
        <translation>投诉</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Question</source>
        <translation>咨询</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Feedback</source>
        <translation>反馈</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Normal</source>
        <translation>普通</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>High</source>
        <translation>高</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Urgent</source>
        <translation>紧急</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Colleague</source>
        <translation>同事</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Works here</source>
        <translation>在职</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reports to</source>
        <translation>汇报给</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Manages</source>
        <translation>管理</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Referred by</source>
        <translation>推荐人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Referred</source>
        <translation>推荐了</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Assistant of</source>
        <translation>助理（所属）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Has assistant</source>
        <translation>助理</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <source>Partner of</source>
        <translation>合作伙伴</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <source>Related</source>
        <translation>相关</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>today</source>
        <translation>今天</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>yesterday</source>
        <translation>昨天</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%n days ago</source>
        <translation>%n 天前</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>1 minute</source>
        <translation>1 分钟</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%n minutes</source>
        <translation>%n 分钟</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The file %1 does not exist (any more).</source>
        <translation>文件 %1 不存在（或已被移走）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 is a folder, not a file.</source>
        <translation>%1 是文件夹，不是文件。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 is not a picture. Choose a PNG, JPEG or similar image.</source>
        <translation>%1 不是图片。请选择 PNG、JPEG 等格式的图片。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The file %1 is larger than %2, the most that can be attached.</source>
        <translation>文件 %1 超过了可附加的上限 %2。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The file %1 cannot be read. Check that you may open it.</source>
        <translation>无法读取文件 %1。请检查您是否有权限打开它。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Enter the date as YYYY-MM-DD, e.g. 1990-05-17.</source>
        <translation>请按 YYYY-MM-DD 格式输入日期，例如 1990-05-17。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Add at least one line with a product or description.</source>
        <translation>请至少添加一行产品或描述。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Quantities must be above zero and prices zero or more.</source>
        <translation>数量必须大于零，单价不能为负。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The invoice cannot be due before the order date.</source>
        <translation>发票到期日不能早于订单日期。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Enter an amount above zero.</source>
        <translation>请输入大于零的金额。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Enter a subject.</source>
        <translation>请输入主题。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Choose someone else: a person cannot be related to themselves.</source>
        <translation>请选择其他人：联系人不能与自己建立关系。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>These two people are already related this way.</source>
        <translation>这两人之间已存在此关系。</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <location filename="../../crm_desktop/ui/dashboard/fill.py" line="+22"/>
        <source>Value</source>
        <translation>金额</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Weighted</source>
        <translation>加权金额</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>(no reason)</source>
        <translation>（无原因）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Lost deals</source>
        <translation>输单数</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Revenue</source>
        <translation>收入</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>%1 % won</source>
        <translation>赢单率 %1%</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Won</source>
        <translation>赢单</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Lost</source>
        <translation>输单</translation>
    </message>
    <message>
        <location line="+12"/>
        <location filename="../../crm_desktop/ui/dashboard/page.py" line="+407"/>
        <source>1 deal</source>
        <translation>1 个交易</translation>
    </message>
    <message>
        <location line="+2"/>
        <location filename="../../crm_desktop/ui/dashboard/page.py" line="-2"/>
        <source>%1 deals</source>
        <translation>%1 个交易</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>People · other sources</source>
        <translation>联系人 · 其他来源</translation>
    </message>
    <message>
        <location line="+6"/>
        <location filename="../../crm_desktop/ui/dashboard/page.py" line="+12"/>
        <source>Counting…</source>
        <translation>正在统计…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/dashboard/page.py" line="-242"/>
        <source>This month</source>
        <translation>本月</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This quarter</source>
        <translation>本季度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This year</source>
        <translation>今年</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Custom range</source>
        <translation>自定义范围</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Everyone</source>
        <translation>所有人</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Currency of the amounts</source>
        <translation>金额的币种</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Targets…</source>
        <translation>目标…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Figures to Excel (.xlsx)…</source>
        <translation>数据导出为 Excel (.xlsx)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Report as PNG image…</source>
        <translation>报告导出为 PNG 图片…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Report as PDF…</source>
        <translation>报告导出为 PDF…</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Period:</source>
        <translation>期间：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Owner:</source>
        <translation>负责人：</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Targets</source>
        <translation>目标</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Open pipeline</source>
        <translation>进行中的销售额</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Weighted pipeline</source>
        <translation>加权销售额</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Won in period</source>
        <translation>本期赢单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Win rate</source>
        <translation>赢单率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Overdue tasks</source>
        <translation>逾期任务</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Due today</source>
        <translation>今日到期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No contact in 30+ days</source>
        <translation>30 天以上未联系</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Open pipeline by stage</source>
        <translation>各阶段进行中的销售额</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Forecast by expected close month</source>
        <translation>按预计成交月份的预测</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Won and lost per month</source>
        <translation>每月赢单与输单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lost reasons</source>
        <translation>输单原因</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New people and companies by source</source>
        <translation>按来源的新增联系人和公司</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Activities per owner and week</source>
        <translation>每位负责人每周的活动</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Top customers by revenue</source>
        <translation>收入最高的客户</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Updating…</source>
        <translation>正在更新…</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>%1 – %2</source>
        <translation>%1 – %2</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>%1 open deals</source>
        <translation>%1 个进行中的交易</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>1 open deal</source>
        <translation>1 个进行中的交易</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>by stage probability</source>
        <translation>按阶段概率</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>won of closed deals</source>
        <translation>已结束交易中的赢单比例</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>people talked to before</source>
        <translation>以前联系过的人</translation>
    </message>
</context>
<context>
    <name>DashboardReport</name>
    <message>
        <location filename="../../crm_desktop/ui/dashboard/report.py" line="+25"/>
        <source>Open pipeline</source>
        <translation>进行中的销售额</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Weighted pipeline</source>
        <translation>加权销售额</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Won in period</source>
        <translation>本期赢单</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+43"/>
        <source>Win rate (%)</source>
        <translation>赢单率 (%)</translation>
    </message>
    <message>
        <location line="-42"/>
        <source>Overdue tasks</source>
        <translation>逾期任务</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Due today</source>
        <translation>今日到期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No contact in 30+ days</source>
        <translation>30 天以上未联系</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Summary</source>
        <translation>概览</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Figure</source>
        <translation>指标</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+9"/>
        <location line="+10"/>
        <location line="+32"/>
        <source>Value</source>
        <translation>数值</translation>
    </message>
    <message>
        <location line="-46"/>
        <source>Pipeline by stage</source>
        <translation>各阶段销售额</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stage</source>
        <translation>阶段</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+10"/>
        <location line="+32"/>
        <source>Deals</source>
        <translation>交易数</translation>
    </message>
    <message>
        <location line="-40"/>
        <location line="+10"/>
        <source>Weighted</source>
        <translation>加权金额</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>Forecast</source>
        <translation>预测</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+10"/>
        <location line="+31"/>
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <location line="-33"/>
        <source>Won and lost</source>
        <translation>赢单与输单</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Won</source>
        <translation>赢单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Won value</source>
        <translation>赢单金额</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lost</source>
        <translation>输单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lost value</source>
        <translation>输单金额</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Lost reasons</source>
        <translation>输单原因</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>New records</source>
        <translation>新增记录</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+10"/>
        <source>Count</source>
        <translation>数量</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>Activities</source>
        <translation>活动</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Week of</source>
        <translation>周起始日</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+25"/>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <location line="-24"/>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Top customers</source>
        <translation>主要客户</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Revenue</source>
        <translation>收入</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Targets</source>
        <translation>目标</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Target</source>
        <translation>目标</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Goal</source>
        <translation>目标值</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Achieved</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Progress (%)</source>
        <translation>进度 (%)</translation>
    </message>
    <message>
        <location line="+28"/>
        <location line="+10"/>
        <source>Export figures</source>
        <translation>导出数据</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Figures saved to %1.</source>
        <translation>数据已保存到 %1。</translation>
    </message>
    <message>
        <location line="+22"/>
        <location line="+9"/>
        <location line="+11"/>
        <location line="+22"/>
        <source>Save report</source>
        <translation>保存报告</translation>
    </message>
    <message>
        <location line="-40"/>
        <source>PNG image (*.png)</source>
        <translation>PNG 图片 (*.png)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The image could not be written to %1.</source>
        <translation>无法将图片写入 %1。</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+54"/>
        <source>Report saved to %1.</source>
        <translation>报告已保存到 %1。</translation>
    </message>
    <message>
        <location line="-45"/>
        <source>PDF document (*.pdf)</source>
        <translation>PDF 文档 (*.pdf)</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Dashboard</source>
        <translation>仪表盘</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The PDF could not be written to %1.</source>
        <translation>无法将 PDF 写入 %1。</translation>
    </message>
</context>
<context>
    <name>DashboardTexts</name>
    <message>
        <location filename="../../crm_desktop/ui/dashboard/texts.py" line="+15"/>
        <source>MMM yyyy</source>
        <translation>yyyy年M月</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>d MMM</source>
        <translation>M月d日</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>(no source)</source>
        <translation>（无来源）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>People</source>
        <translation>联系人</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Companies</source>
        <translation>公司</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Calls</source>
        <translation>电话</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>E-mails</source>
        <translation>邮件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Meetings</source>
        <translation>会议</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No owner</source>
        <translation>无负责人</translation>
    </message>
</context>
<context>
    <name>DataQualityDialog</name>
    <message>
        <location filename="../../crm_desktop/ui/segments/quality.py" line="+27"/>
        <source>People without an e-mail address</source>
        <translation>没有电子邮件地址的联系人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>People without a phone number</source>
        <translation>没有电话号码的联系人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>People with neither e-mail nor phone</source>
        <translation>既无电子邮件也无电话的联系人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>E-mail addresses that look wrong</source>
        <translation>格式可疑的电子邮件地址</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Phone numbers without a country code</source>
        <translation>缺少国家代码的电话号码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>People nobody owns</source>
        <translation>没有负责人的联系人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>People never called, e-mailed or met</source>
        <translation>从未通话、发邮件或会面的联系人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No interaction in the last 180 days</source>
        <translation>最近 180 天内没有互动</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Data quality</source>
        <translation>数据质量</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Show list</source>
        <translation>显示列表</translation>
    </message>
</context>
<context>
    <name>DealDialog</name>
    <message>
        <location filename="../../crm_desktop/ui/pipeline/dialogs.py" line="+71"/>
        <source>Edit deal</source>
        <translation>编辑商机</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>New deal</source>
        <translation>新建商机</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>e.g. 20 licences for Acme</source>
        <translation>例如：Acme 的 20 个许可</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Pipeline</source>
        <translation>销售管道</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stage</source>
        <translation>阶段</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No organisation</source>
        <translation>无组织</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Organisation</source>
        <translation>组织</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Person</source>
        <translation>联系人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Value</source>
        <translation>金额</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Expected close</source>
        <translation>预计成交</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The stage&apos;s</source>
        <translation>按阶段</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Probability</source>
        <translation>成交概率</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Separate tags with commas</source>
        <translation>用逗号分隔标签</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Next step</source>
        <translation>下一步</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Pain points and needs</source>
        <translation>痛点与需求</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Needs</source>
        <translation>需求</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Products (optional; they make the value)</source>
        <translation>产品（可选；由产品计算金额）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add product</source>
        <translation>添加产品</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Product</source>
        <translation>产品</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unit price</source>
        <translation>单价</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/pipeline/pickers.py" line="+43"/>
        <source>Type a name to find the person</source>
        <translation>输入姓名查找联系人</translation>
    </message>
</context>
<context>
    <name>DealDrillPage</name>
    <message>
        <location filename="../../crm_desktop/ui/dashboard/drill.py" line="+53"/>
        <source>← Dashboard</source>
        <translation>← 仪表盘</translation>
    </message>
</context>
<context>
    <name>DealFilterBar</name>
    <message>
        <location filename="../../crm_desktop/ui/pipeline/filters.py" line="+61"/>
        <source>Search deals</source>
        <translation>搜索商机</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Any close date</source>
        <translation>任意成交日期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Overdue</source>
        <translation>已逾期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Closing this month</source>
        <translation>本月成交</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Closing next month</source>
        <translation>下月成交</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Closing this quarter</source>
        <translation>本季度成交</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Closing in 90 days</source>
        <translation>90 天内成交</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Closing between…</source>
        <translation>在某日期之间成交…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Min value</source>
        <translation>最低金额</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Max value</source>
        <translation>最高金额</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Save filter…</source>
        <translation>保存筛选…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Save as segment…</source>
        <translation>另存为细分…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>Any owner</source>
        <translation>所有负责人</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Any tag</source>
        <translation>所有标签</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Saved filters</source>
        <translation>已保存的筛选</translation>
    </message>
    <message>
        <location line="+46"/>
        <location line="+46"/>
        <location line="+12"/>
        <source>Filter</source>
        <translation>筛选</translation>
    </message>
    <message>
        <location line="-20"/>
        <source>Save filter</source>
        <translation>保存筛选</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name of this filter:</source>
        <translation>筛选名称：</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>Closing between</source>
        <translation>成交日期范围</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>To</source>
        <translation>到</translation>
    </message>
</context>
<context>
    <name>DealList</name>
    <message>
        <location filename="../../crm_desktop/ui/pipeline/deal_list.py" line="+94"/>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Organisation</source>
        <translation>组织</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Person</source>
        <translation>联系人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stage</source>
        <translation>阶段</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Value</source>
        <translation>金额</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Probability</source>
        <translation>概率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Expected close</source>
        <translation>预计成交</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Updated</source>
        <translation>更新时间</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Open</source>
        <translation>进行中</translation>
    </message>
</context>
<context>
    <name>DealPage</name>
    <message>
        <location filename="../../crm_desktop/ui/pipeline/deal_page.py" line="+38"/>
        <source>1 day</source>
        <translation>1 天</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 days</source>
        <translation>%1 天</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>1 hour</source>
        <translation>1 小时</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 hours</source>
        <translation>%1 小时</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>What</source>
        <translation>事项</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Due</source>
        <translation>截止</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Added</source>
        <translation>添加时间</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Product</source>
        <translation>产品</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unit price</source>
        <translation>单价</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Stage</source>
        <translation>阶段</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Entered</source>
        <translation>进入</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Left</source>
        <translation>离开</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Time in stage</source>
        <translation>停留时间</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Timeline</source>
        <translation>时间线</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tasks</source>
        <translation>任务</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Files</source>
        <translation>文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Products</source>
        <translation>产品</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stage history</source>
        <translation>阶段历史</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Attach file…</source>
        <translation>附加文件…</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+41"/>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <location line="-39"/>
        <source>Move to trash</source>
        <translation>移到回收站</translation>
    </message>
    <message>
        <location line="+60"/>
        <location line="+15"/>
        <source>Attach file</source>
        <translation>附加文件</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Won</source>
        <translation>赢单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lost</source>
        <translation>输单</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Schedule next step…</source>
        <translation>安排下一步…</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>This deal no longer exists.</source>
        <translation>该商机已不存在。</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>%1 % probability</source>
        <translation>成交概率 %1 %</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>expected close %1</source>
        <translation>预计成交 %1</translation>
    </message>
</context>
<context>
    <name>DealSegmentPage</name>
    <message>
        <location filename="../../crm_desktop/ui/segments/page.py" line="+218"/>
        <source>Add a tag to all…</source>
        <translation>为全部交易添加标签…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Assign an owner to all…</source>
        <translation>为全部交易指定负责人…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Create a task for each…</source>
        <translation>为每笔交易创建任务…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Move all to the trash…</source>
        <translation>全部移入回收站…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export these deals to Excel or CSV</source>
        <translation>将这些交易导出为 Excel 或 CSV</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>Add a tag to all</source>
        <translation>为全部交易添加标签</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tag:</source>
        <translation>标签：</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Tag “%1” added to 1 deal.</source>
        <translation>已为 1 笔交易添加标签“%1”。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tag “%1” added to %2 deals.</source>
        <translation>已为 %2 笔交易添加标签“%1”。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>(Nobody)</source>
        <translation>（无人）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Assign an owner to all</source>
        <translation>为全部交易指定负责人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Owner:</source>
        <translation>负责人：</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Owner changed on 1 deal.</source>
        <translation>已更改 1 笔交易的负责人。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Owner changed on %1 deals.</source>
        <translation>已更改 %1 笔交易的负责人。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Create a task for each</source>
        <translation>为每笔交易创建任务</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Task (due tomorrow):</source>
        <translation>任务（明天到期）：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Create a task for the deal of this segment? It is given to the deal&apos;s owner.</source>
        <translation>为此细分中的这笔交易创建任务？任务将交给该交易的负责人。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Create a task for each of the %1 deals? Each is given to the deal&apos;s owner.</source>
        <translation>为这 %1 笔交易各创建一个任务？每个任务将交给相应交易的负责人。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>1 task created.</source>
        <translation>已创建 1 个任务。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 tasks created.</source>
        <translation>已创建 %1 个任务。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Move the deal of this segment to the trash?</source>
        <translation>将此细分中的这笔交易移入回收站？</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Move all %1 deals of this segment to the trash?</source>
        <translation>将此细分中的全部 %1 笔交易移入回收站？</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>1 deal moved to the trash.</source>
        <translation>已将 1 笔交易移入回收站。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 deals moved to the trash.</source>
        <translation>已将 %1 笔交易移入回收站。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>1 deal</source>
        <translation>1 笔交易</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%Ln deals</source>
        <translation>%Ln 笔交易</translation>
    </message>
</context>
<context>
    <name>DealsPanel</name>
    <message>
        <location filename="../../crm_desktop/ui/customer/panels.py" line="-136"/>
        <source>Deal</source>
        <translation>商机</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Stage</source>
        <translation>阶段</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Value</source>
        <translation>金额</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Expected close</source>
        <translation>预计成交</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Person</source>
        <translation>联系人</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>No deals yet.</source>
        <translation>尚无商机。</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>1 deal</source>
        <translation>1 个商机</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%n deals</source>
        <translation>%n 个商机</translation>
    </message>
</context>
<context>
    <name>DetailsPanel</name>
    <message>
        <location filename="../../crm_desktop/ui/customer/details.py" line="+91"/>
        <source>Data protection</source>
        <translation>数据保护</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Save changes</source>
        <translation>保存更改</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Discard edits</source>
        <translation>放弃编辑</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Undo last save</source>
        <translation>撤销上次保存</translation>
    </message>
</context>
<context>
    <name>DuplicatesDialog</name>
    <message>
        <location filename="../../crm_desktop/ui/duplicates/dialog.py" line="+38"/>
        <source>same e-mail</source>
        <translation>电子邮件相同</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>same e-mail, other name</source>
        <translation>电子邮件相同，姓名不同</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>same phone</source>
        <translation>电话相同</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>same phone, name in Chinese and Latin letters</source>
        <translation>电话相同，姓名分别为中文和拼音</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>same name and company</source>
        <translation>姓名和公司相同</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>similar name, same company</source>
        <translation>姓名相近，公司相同</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>same web site</source>
        <translation>网站相同</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>same name</source>
        <translation>名称相同</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>similar name</source>
        <translation>名称相近</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>Find duplicates</source>
        <translation>查找重复</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Possible duplicates</source>
        <translation>可能的重复</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Merge history</source>
        <translation>合并记录</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>People</source>
        <translation>联系人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Companies</source>
        <translation>公司</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scan</source>
        <translation>扫描</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Scan all people or all companies for records that may be the same.</source>
        <translation>扫描所有联系人或所有公司，找出可能是同一对象的记录。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Review and merge…</source>
        <translation>查看并合并…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not duplicates</source>
        <translation>不是重复</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remember that these two are different; they are not proposed again.</source>
        <translation>记住这两条记录不同，以后不再提示。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Look in:</source>
        <translation>查找范围：</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Merged on</source>
        <translation>合并时间</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Kept</source>
        <translation>保留</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Merged into it</source>
        <translation>并入的记录</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Undo merge</source>
        <translation>撤销合并</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Scanning…</source>
        <translation>正在扫描…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Scan cancelled.</source>
        <translation>扫描已取消。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>No duplicates found among %1 records.</source>
        <translation>在 %1 条记录中未发现重复。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>1 possible duplicate</source>
        <translation>1 组可能的重复</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%Ln possible duplicates</source>
        <translation>
            <numerusform>%Ln 组可能的重复</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 in %2 groups, among %3 records.</source>
        <translation>%1，分为 %2 组，共扫描 %3 条记录。</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Merged. The merge can be undone from Merge history.</source>
        <translation>已合并。可在“合并记录”中撤销。</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Marked as not duplicates: scans no longer propose this pair. Edit ▸ Undo takes it back.</source>
        <translation>已标记为不是重复：扫描不会再提出这一对。可用 编辑 ▸ 撤销 取消标记。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The mark is taken back; the pair is not shown again because one of the two is in the trash.</source>
        <translation>已取消标记；由于其中一条记录已在回收站中，这一对不再显示。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The pair is proposed again.</source>
        <translation>这一对已重新列为可能重复。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Undone</source>
        <translation>已撤销</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Merged</source>
        <translation>已合并</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/duplicates/texts.py" line="+16"/>
        <source>This merge has already been undone.</source>
        <translation>此次合并已被撤销。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The merged record was deleted from the trash for good, so the merge can no longer be undone.</source>
        <translation>被合并的记录已从回收站中永久删除，无法再撤销此次合并。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>One of these records was merged again since. Undo that later merge first.</source>
        <translation>其中一条记录之后又被合并过。请先撤销之后的那次合并。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A record cannot be merged with itself.</source>
        <translation>记录不能与自身合并。</translation>
    </message>
</context>
<context>
    <name>EditConflict</name>
    <message>
        <location filename="../../crm_desktop/ui/dialogs/conflict.py" line="+23"/>
        <source>The company “%1” was changed by someone else (in another window or another program) since you opened it.</source>
        <translation>自您打开以来，公司“%1”已被他人（在另一个窗口或另一个程序中）修改。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>“%1” was changed by someone else (in another window or another program) since you opened it.</source>
        <translation>自您打开以来，“%1”已被他人（在另一个窗口或另一个程序中）修改。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Nothing has been saved yet. Reload to see their changes (your edits here are discarded), or overwrite their changes with yours.</source>
        <translation>尚未保存任何内容。重新载入可查看对方的修改（您在此处的编辑将被放弃），或用您的修改覆盖对方的修改。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Changed by someone else</source>
        <translation>已被他人修改</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Reload</source>
        <translation>重新载入</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Overwrite</source>
        <translation>覆盖</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keep editing</source>
        <translation>继续编辑</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../../crm_desktop/ui/export_dialog.py" line="+55"/>
        <source>Choose a file name ending in .xlsx, .csv or .vcf.</source>
        <translation>请选择以 .xlsx、.csv 或 .vcf 结尾的文件名。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Only people can be exported as vCards.</source>
        <translation>只有联系人可以导出为 vCard 名片。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The file %1 cannot be written: %2. Choose another folder or name.</source>
        <translation>无法写入文件 %1：%2。请选择其他文件夹或文件名。</translation>
    </message>
    <message>
        <location line="+77"/>
        <source>Back up to Excel</source>
        <translation>备份到 Excel</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+91"/>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <location line="-72"/>
        <location line="+161"/>
        <source>People</source>
        <translation>联系人</translation>
    </message>
    <message>
        <location line="-160"/>
        <location line="+161"/>
        <source>Companies</source>
        <translation>公司</translation>
    </message>
    <message>
        <location line="-160"/>
        <source>Deals</source>
        <translation>商机</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>crm-desktop backup</source>
        <translation>crm-desktop 备份</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Excel workbook (.xlsx)</source>
        <translation>Excel 工作簿 (.xlsx)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CSV, UTF-8 (.csv)</source>
        <translation>CSV，UTF-8 (.csv)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>vCard (.vcf)</source>
        <translation>vCard 名片 (.vcf)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Every person and company, with all their fields and a stable ID, one sheet each.</source>
        <translation>所有联系人和公司，包含全部字段和固定 ID，每类一个工作表。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Rows:</source>
        <translation>行：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Format:</source>
        <translation>格式：</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>File:</source>
        <translation>文件：</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Open file</source>
        <translation>打开文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show in folder</source>
        <translation>在文件夹中显示</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Include the 1 person marked “do not contact” (left out unless ticked)</source>
        <translation>包括 1 位标记为“请勿联系”的人（不勾选则排除）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Include the %1 people marked “do not contact” (left out unless ticked)</source>
        <translation>包括 %1 位标记为“请勿联系”的人（不勾选则排除）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>They asked not to be contacted: leave them out of mailing lists</source>
        <translation>他们要求不被联系：请勿将其列入邮寄名单</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Only the selected row</source>
        <translation>仅选中的行</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Only the %1 selected rows</source>
        <translation>仅选中的 %1 行</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The 1 row in this view</source>
        <translation>此视图中的 1 行</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>All %1 rows in this view</source>
        <translation>此视图中的全部 %1 行</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>Exporting…</source>
        <translation>正在导出…</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>%1 of %2 rows written…</source>
        <translation>已写入 %1 / %2 行…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>About %1 s left.</source>
        <translation>大约还需 %1 秒。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>About %1 min left.</source>
        <translation>大约还需 %1 分钟。</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Export cancelled. No file was written.</source>
        <translation>导出已取消，未写入任何文件。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>1 row</source>
        <translation>1 行</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 rows</source>
        <translation>%1 行</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Exported %1 to %2.</source>
        <translation>已将 %1 导出到 %2。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>1 person marked “do not contact” was left out.</source>
        <translation>已排除 1 位标记为“请勿联系”的人。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 people marked “do not contact” were left out.</source>
        <translation>已排除 %1 位标记为“请勿联系”的人。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Export to</source>
        <translation>导出到</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Replace file</source>
        <translation>替换文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 already exists. Replace it?</source>
        <translation>%1 已存在。要替换它吗？</translation>
    </message>
</context>
<context>
    <name>FieldsTab</name>
    <message>
        <location filename="../../crm_desktop/ui/manage_dialog.py" line="+223"/>
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
    <name>FilePage</name>
    <message>
        <location filename="../../crm_desktop/ui/import_wizard/file_page.py" line="+34"/>
        <source>Choose a file</source>
        <translation>选择文件</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Excel (.xlsx, .xls), LibreOffice (.ods), CSV or text tables, and vCards (.vcf).</source>
        <translation>Excel（.xlsx、.xls）、LibreOffice（.ods）、CSV 或文本表格，以及 vCard 名片（.vcf）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>File to import</source>
        <translation>要导入的文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>People</source>
        <translation>联系人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Companies</source>
        <translation>公司</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>File:</source>
        <translation>文件：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Import as:</source>
        <translation>导入为：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sheet:</source>
        <translation>工作表：</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Import contacts</source>
        <translation>导入联系人</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Tables and vCards (%1)</source>
        <translation>表格和 vCard 名片 (%1)</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Reading the file…</source>
        <translation>正在读取文件…</translation>
    </message>
    <message>
        <location line="+28"/>
        <source> (hidden)</source>
        <translation>（隐藏）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Column titles found on row %1.</source>
        <translation>在第 %1 行找到列标题。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No row of column titles found: the columns are named A, B, C…</source>
        <translation>未找到列标题行：各列以 A、B、C… 命名</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Saved mapping “%1” applied.</source>
        <translation>已应用保存的映射“%1”。</translation>
    </message>
</context>
<context>
    <name>FilesPanel</name>
    <message>
        <location filename="../../crm_desktop/ui/customer/panels.py" line="+170"/>
        <source>Attach file…</source>
        <translation>附加文件…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Move to trash</source>
        <translation>移到回收站</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Added</source>
        <translation>添加于</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>No files yet.</source>
        <translation>尚无文件。</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>1 file</source>
        <translation>1 个文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%n files</source>
        <translation>%n 个文件</translation>
    </message>
    <message>
        <location line="+22"/>
        <location line="+5"/>
        <source>File moved to the trash.</source>
        <translation>文件已移到回收站。</translation>
    </message>
</context>
<context>
    <name>Forecast</name>
    <message>
        <location filename="../../crm_desktop/ui/pipeline/forecast_view.py" line="+54"/>
        <source>All together</source>
        <translation>合计</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Per owner</source>
        <translation>按负责人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Per pipeline</source>
        <translation>按销售管道</translation>
    </message>
    <message>
        <location line="+7"/>
        <source> months</source>
        <translation> 个月</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Currency</source>
        <translation>货币</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pipeline</source>
        <translation>销售管道</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Next</source>
        <translation>未来</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Win rate and time to close per stage</source>
        <translation>各阶段赢单率与成交天数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lost reasons</source>
        <translation>输单原因</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Expected revenue by close month: won plus open deals weighted by probability</source>
        <translation>按成交月份的预期收入：已赢单加上按概率加权的进行中商机</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>All pipelines</source>
        <translation>全部销售管道</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Expected in the next %1 months: %2</source>
        <translation>未来 %1 个月预期：%2</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>No owner</source>
        <translation>无负责人</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>All deals</source>
        <translation>全部商机</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Group</source>
        <translation>分组</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Measure</source>
        <translation>指标</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Overdue</source>
        <translation>已逾期</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+30"/>
        <source>Won</source>
        <translation>赢单</translation>
    </message>
    <message>
        <location line="-29"/>
        <source>Open, weighted</source>
        <translation>进行中（加权）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open, full value</source>
        <translation>进行中（全额）</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+3"/>
        <source>Expected</source>
        <translation>预期</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Open deals whose expected close date has passed; not in the total</source>
        <translation>预计成交日期已过的进行中商机；不计入合计</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Stage</source>
        <translation>阶段</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Closed deals</source>
        <translation>已关闭商机</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Lost</source>
        <translation>输单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Win rate</source>
        <translation>赢单率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Average days to close</source>
        <translation>平均成交天数</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Deals</source>
        <translation>商机数</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Value</source>
        <translation>金额</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>(no reason)</source>
        <translation>（无原因）</translation>
    </message>
</context>
<context>
    <name>GlobalSearch</name>
    <message>
        <location filename="../../crm_desktop/ui/global_search.py" line="+26"/>
        <location filename="../../crm_desktop/ui/main_window.py" line="+139"/>
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
    <name>GroupBox</name>
    <message>
        <location filename="../../crm_desktop/ui/segments/builder.py" line="+101"/>
        <source>all</source>
        <translation>全部</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>any</source>
        <translation>任一</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Match</source>
        <translation>符合</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>of these conditions:</source>
        <translation>以下条件：</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Remove this group</source>
        <translation>删除此条件组</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>+ Condition</source>
        <translation>+ 条件</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>+ Group</source>
        <translation>+ 条件组</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Conditions of their own, joined by “all” or “any”</source>
        <translation>一组独立的条件，以“全部”或“任一”连接</translation>
    </message>
</context>
<context>
    <name>IdPicker</name>
    <message>
        <location line="-159"/>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
</context>
<context>
    <name>ImportHistoryDialog</name>
    <message>
        <location filename="../../crm_desktop/ui/import_wizard/history.py" line="+30"/>
        <source>Import history</source>
        <translation>导入历史</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rows</source>
        <translation>行数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Added</source>
        <translation>新增</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Updated</source>
        <translation>更新</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not imported</source>
        <translation>未导入</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Undo this import…</source>
        <translation>撤销此次导入…</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Undone</source>
        <translation>已撤销</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Imported</source>
        <translation>已导入</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Undo the import of %1? What it added is removed and the fields it changed get their earlier values back, except in records edited since.</source>
        <translation>要撤销 %1 的导入吗？导入新增的内容将被删除，被修改的字段将恢复原值（导入后又被编辑过的记录除外）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Undo import</source>
        <translation>撤销导入</translation>
    </message>
</context>
<context>
    <name>ImportTexts</name>
    <message>
        <location filename="../../crm_desktop/ui/import_wizard/texts.py" line="+13"/>
        <source>The file is empty (0 bytes).</source>
        <translation>文件为空（0 字节）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The file cannot be opened: %1</source>
        <translation>无法打开文件：%1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Files of type “%1” cannot be imported. Use .xlsx, .xls, .ods, .csv, .txt or .vcf.</source>
        <translation>无法导入“%1”类型的文件。请使用 .xlsx、.xls、.ods、.csv、.txt 或 .vcf。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This is a %1 image renamed as a spreadsheet, not a table of contacts.</source>
        <translation>这是一个被改名为电子表格的 %1 图片，不是联系人表格。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This is a PDF document. Save the table as .xlsx or .csv and import that.</source>
        <translation>这是 PDF 文档。请将表格另存为 .xlsx 或 .csv 后再导入。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The workbook is protected with a password. Open it in Excel, remove the password (File › Info › Protect Workbook) and save it again.</source>
        <translation>该工作簿受密码保护。请在 Excel 中打开，移除密码（文件 › 信息 › 保护工作簿）后重新保存。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The file is damaged or incomplete (the spreadsheet archive cannot be read). Save it again from the program that made it.</source>
        <translation>文件已损坏或不完整（无法读取电子表格压缩包）。请用创建它的程序重新保存。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The file unpacks to an unreasonable size and was not opened (it may be malicious).</source>
        <translation>该文件解压后大小异常，未打开（可能是恶意文件）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This is an old Excel 95 file with a Mac code page that cannot be read. Open it in Excel or LibreOffice and save it as .xlsx.</source>
        <translation>这是使用 Mac 代码页的旧版 Excel 95 文件，无法读取。请在 Excel 或 LibreOffice 中打开并另存为 .xlsx。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The spreadsheet cannot be read. Open it in Excel or LibreOffice and save it as .xlsx, then import that file.</source>
        <translation>无法读取该电子表格。请在 Excel 或 LibreOffice 中打开并另存为 .xlsx，然后导入该文件。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>This is not a text table: it holds binary data.</source>
        <translation>这不是文本表格：其中包含二进制数据。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The sheet has %1 columns in use; a table of contacts has at most 1024. Delete the unused columns and try again.</source>
        <translation>该工作表使用了 %1 列；联系人表格最多 1024 列。请删除不用的列后重试。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The file is too large to import.</source>
        <translation>文件太大，无法导入。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The file holds no data to import.</source>
        <translation>文件中没有可导入的数据。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The file holds no contact with a name, e-mail or phone number.</source>
        <translation>文件中没有包含姓名、邮箱或电话号码的联系人。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No column could be matched to a name, e-mail or phone number. Choose the columns in the import wizard, or save a mapping and use --profile.</source>
        <translation>没有列能匹配到姓名、邮箱或电话号码。请在导入向导中选择列，或保存映射后使用 --profile。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The file cannot be imported (%1).</source>
        <translation>无法导入该文件（%1）。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>“%1” is not a valid e-mail address.</source>
        <translation>“%1”不是有效的邮箱地址。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>“%1” is not a phone number for the default country.</source>
        <translation>“%1”不是默认国家/地区的电话号码。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>“%1” is not a date.</source>
        <translation>“%1”不是日期。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>“%1” is not a whole number.</source>
        <translation>“%1”不是整数。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>“%1” can be read as two different dates.</source>
        <translation>“%1”可以理解为两个不同的日期。</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <source>The row has no name, e-mail or phone number.</source>
        <translation>该行没有姓名、邮箱或电话号码。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The text is too long.</source>
        <translation>文本太长。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The date “%1” is in the future.</source>
        <translation>日期“%1”在未来。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>“%1” is not a lawful basis (consent, contract, legal obligation, vital interests, public task, legitimate interest).</source>
        <translation>“%1”不是有效的法律依据（同意、合同履行、法律义务、重大利益、公共任务、正当利益）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>“%1” is neither yes nor no.</source>
        <translation>“%1”既不是“是”也不是“否”。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Consent cannot be withdrawn before it was given.</source>
        <translation>撤回同意的日期不能早于同意日期。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>“%1” is not valid.</source>
        <translation>“%1”无效。</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+52"/>
        <source>Company name</source>
        <translation>公司名称</translation>
    </message>
    <message>
        <location line="-51"/>
        <source>Industry</source>
        <translation>行业</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Number of employees</source>
        <translation>员工人数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ID (matches the company with this ID)</source>
        <translation>ID（匹配具有此 ID 的公司）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>— Do not import —</source>
        <translation>— 不导入 —</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ID (matches the person with this ID)</source>
        <translation>ID（匹配具有此 ID 的联系人）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Full name (split into given and family name)</source>
        <translation>全名（拆分为名和姓）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Given name</source>
        <translation>名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Family name</source>
        <translation>姓</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Job title</source>
        <translation>职位</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Company</source>
        <translation>公司</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+32"/>
        <source>E-mail</source>
        <translation>邮箱</translation>
    </message>
    <message>
        <location line="-31"/>
        <source>Mobile phone</source>
        <translation>手机</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Work phone</source>
        <translation>工作电话</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Home phone</source>
        <translation>住宅电话</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fax</source>
        <translation>传真</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Other phone</source>
        <translation>其他电话</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>WeChat</source>
        <translation>微信</translation>
    </message>
    <message>
        <location line="+1"/>
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
        <source>Street</source>
        <translation>街道地址</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Street (second line)</source>
        <translation>街道地址（第二行）</translation>
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
        <translation>邮编</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Country</source>
        <translation>国家/地区</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Website</source>
        <translation>网站</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Birthday</source>
        <translation>生日</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tags (split by , ; 、)</source>
        <translation>标签（以 , ; 、 分隔）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lawful basis</source>
        <translation>法律依据</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Consent given</source>
        <translation>同意日期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Consent withdrawn</source>
        <translation>撤回同意日期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>How consent was given</source>
        <translation>同意方式</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Do not contact (yes/no)</source>
        <translation>请勿联系（是/否）</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Phones</source>
        <translation>电话</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>WeChat, QQ, LinkedIn</source>
        <translation>微信、QQ、领英</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Custom fields</source>
        <translation>自定义字段</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Added: %1 · Updated: %2 · Skipped: %3 · Not imported: %4</source>
        <translation>新增：%1 · 更新：%2 · 跳过：%3 · 未导入：%4</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Import undone. Removed (people and companies it added): %1 · restored: %2.</source>
        <translation>已撤销导入。删除（导入新增的联系人和公司）：%1 · 恢复：%2。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Left as they are, because they were edited since: %1</source>
        <translation>以下记录在导入后已被修改，因此保持不变：%1</translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <location filename="../../crm_desktop/ui/import_wizard/wizard.py" line="+21"/>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Close</source>
        <translation>关闭</translation>
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
        <location line="+135"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location line="-133"/>
        <source>Assign owner…</source>
        <translation>指定负责人…</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Select at most %1 rows at a time.</source>
        <translation>一次最多只能选择 %1 行。</translation>
    </message>
    <message>
        <location line="+61"/>
        <source>%1 now owned by %2.</source>
        <translation>%1 的负责人已改为 %2。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Owner taken off %1.</source>
        <translation>已取消 %1 的负责人。</translation>
    </message>
    <message>
        <location line="+40"/>
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
        <location line="+5"/>
        <source>(no owner)</source>
        <translation>（无负责人）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Assign owner</source>
        <translation>指定负责人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Owner:</source>
        <translation>负责人：</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Cannot change the list</source>
        <translation>无法更改列表</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/list_page.py" line="+81"/>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export this list to Excel, CSV or vCards</source>
        <translation>将此列表导出为 Excel、CSV 或 vCard 名片</translation>
    </message>
    <message>
        <location line="+105"/>
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
    <name>LockedDialog</name>
    <message>
        <location filename="../../crm_desktop/ui/app_lock.py" line="+22"/>
        <source>crm-desktop is locked</source>
        <translation>crm-desktop 已锁定</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>crm-desktop was locked after a while without use. Encrypt the database in Backups and security to require a passphrase here.</source>
        <translation>crm-desktop 闲置一段时间后已锁定。在“备份与安全”中加密数据库后，解锁时将需要输入密码短语。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Unlock</source>
        <translation>解锁</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Quit crm-desktop</source>
        <translation>退出 crm-desktop</translation>
    </message>
</context>
<context>
    <name>LostDialog</name>
    <message>
        <location filename="../../crm_desktop/ui/pipeline/dialogs.py" line="+161"/>
        <source>Deal lost</source>
        <translation>输单</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Why was “%1” lost?</source>
        <translation>“%1”为什么输单？</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Edit the list…</source>
        <translation>编辑列表…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>What happened (optional)</source>
        <translation>发生了什么（可选）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Mark as lost</source>
        <translation>标记为输单</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Choose a reason…</source>
        <translation>选择原因…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Choose why the deal was lost.</source>
        <translation>请选择输单原因。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../crm_desktop/ui/main_window.py" line="-50"/>
        <source>crm-desktop</source>
        <translation>crm-desktop</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>People</source>
        <translation>联系人</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Companies</source>
        <translation>公司</translation>
    </message>
    <message>
        <location line="+1"/>
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
        <location line="-62"/>
        <source>Opening %1…</source>
        <translation>正在打开 %1…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Pipeline</source>
        <translation>销售管道</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Reminders</source>
        <translation>提醒</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dashboard</source>
        <translation>仪表盘</translation>
    </message>
    <message>
        <location line="+52"/>
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
        <location filename="../../crm_desktop/ui/segments/__init__.py" line="+117"/>
        <source>Tags, owners and &amp;fields…</source>
        <translation>标签、负责人和字段(&amp;F)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>New &amp;deal…</source>
        <translation>新建商机(&amp;D)…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Import…</source>
        <translation>导入(&amp;I)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Import &amp;history…</source>
        <translation>导入历史(&amp;H)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Export this list…</source>
        <translation>导出此列表(&amp;E)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Back up to Excel…</source>
        <translation>备份到 Excel(&amp;B)…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Backups and &amp;security…</source>
        <translation>备份与安全(&amp;S)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export everything about this &amp;person…</source>
        <translation>导出此联系人的全部数据(&amp;P)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Erase this person for good…</source>
        <translation>彻底清除此联系人(&amp;E)…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location line="+2"/>
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
        <location line="+0"/>
        <source>&amp;Companies</source>
        <translation>公司(&amp;C)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Trash</source>
        <translation>回收站(&amp;T)</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>P&amp;ipeline</source>
        <translation>销售管道(&amp;I)</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Reminders</source>
        <translation>提醒(&amp;R)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Dashboard</source>
        <translation>仪表盘(&amp;D)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Filter this list</source>
        <translation>筛选此列表(&amp;F)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Back</source>
        <translation>后退(&amp;B)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Forward</source>
        <translation>前进(&amp;F)</translation>
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
        <location line="+131"/>
        <location filename="../../crm_desktop/ui/segments/__init__.py" line="-51"/>
        <source>+ New company</source>
        <translation>+ 新建公司</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+60"/>
        <location filename="../../crm_desktop/ui/segments/__init__.py" line="+1"/>
        <source>+ New person</source>
        <translation>+ 新建联系人</translation>
    </message>
    <message>
        <location line="-58"/>
        <location filename="../../crm_desktop/ui/segments/__init__.py" line="-3"/>
        <source>+ New deal</source>
        <translation>+ 新建商机</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>+ New task</source>
        <translation>+ 新建任务</translation>
    </message>
    <message>
        <location line="+90"/>
        <location line="+5"/>
        <source>Person saved.</source>
        <translation>联系人已保存。</translation>
    </message>
    <message>
        <location line="+10"/>
        <location line="+5"/>
        <source>Company saved.</source>
        <translation>公司已保存。</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Choose People, Companies or Pipeline to export a list.</source>
        <translation>请先选择“联系人”、“公司”或“销售管道”再导出列表。</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Select a person in People first.</source>
        <translation>请先在“联系人”中选择一位联系人。</translation>
    </message>
    <message>
        <location line="+30"/>
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
        <location filename="../../crm_desktop/ui/manage_dialog.py" line="-205"/>
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
        <location line="+203"/>
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
    <name>MappingPage</name>
    <message>
        <location filename="../../crm_desktop/ui/import_wizard/mapping_page.py" line="+35"/>
        <source>Match the columns</source>
        <translation>匹配列</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Each column of the file fills the field chosen here.</source>
        <translation>文件中的每一列将填入此处选择的字段。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Column in the file</source>
        <translation>文件中的列</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>First values</source>
        <translation>前几个值</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Import as</source>
        <translation>导入为</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Save this mapping…</source>
        <translation>保存此映射…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Day first (31/12/2024)</source>
        <translation>日在前（31/12/2024）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Month first (12/31/2024)</source>
        <translation>月在前（12/31/2024）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dates such as 03/04/2024 mean:</source>
        <translation>03/04/2024 这样的日期表示：</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Saved mapping:</source>
        <translation>已保存的映射：</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Custom field: %1</source>
        <translation>自定义字段：%1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New custom field “%1”</source>
        <translation>新建自定义字段“%1”</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Reading the dates of the column…</source>
        <translation>正在读取该列的日期…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Choose at least one column holding a name, e-mail or phone.</source>
        <translation>请至少选择一列姓名、邮箱或电话。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Save mapping</source>
        <translation>保存映射</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Name of this mapping:</source>
        <translation>映射名称：</translation>
    </message>
</context>
<context>
    <name>MergeDialog</name>
    <message>
        <location filename="../../crm_desktop/ui/duplicates/merge_dialog.py" line="+39"/>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Merge duplicates</source>
        <translation>合并重复记录</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Preferred channel</source>
        <translation>首选联系方式</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Keep the other record instead</source>
        <translation>改为保留另一条记录</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Every e-mail, phone, tag, activity, deal, task, order, case and file of both records is kept. The record on the right goes to the trash; the merge can be undone from the history of duplicates.</source>
        <translation>两条记录的所有电子邮件、电话、标签、活动、商机、任务、订单、服务工单和文件都会保留。右侧的记录将移入回收站；可在重复记录的合并记录中撤销此次合并。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Merge</source>
        <translation>合并</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Keep (this record stays)</source>
        <translation>保留（此记录保留）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Merge into it (goes to trash)</source>
        <translation>并入（移入回收站）</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>(empty)</source>
        <translation>（空）</translation>
    </message>
</context>
<context>
    <name>MergeLabels</name>
    <message>
        <location filename="../../crm_desktop/ui/duplicates/texts.py" line="+8"/>
        <source>Merged with %1</source>
        <translation>已与 %1 合并</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Merge with %1 undone</source>
        <translation>已撤销与 %1 的合并</translation>
    </message>
</context>
<context>
    <name>MergeUndo</name>
    <message>
        <location filename="../../crm_desktop/ui/duplicates/timeline_undo.py" line="+36"/>
        <source>Undo merge…</source>
        <translation>撤销合并…</translation>
    </message>
    <message>
        <location line="+13"/>
        <location line="+17"/>
        <source>Undo merge</source>
        <translation>撤销合并</translation>
    </message>
    <message>
        <location line="-16"/>
        <source>Split %1 off again? %1 comes back as a separate record with the e-mails, phones, tags, activities, deals, tasks, orders, files and relationships it had; this record gets back the values it had before the merge.</source>
        <translation>要把 %1 重新拆分出来吗？%1 将恢复为单独的记录，并带回它原有的电子邮件、电话、标签、活动、商机、任务、订单、文件和关系；此记录将恢复合并前的值。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>the merged record</source>
        <translation>被合并的记录</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Merge undone: %1 is a separate record again.</source>
        <translation>已撤销合并：%1 重新成为单独的记录。</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <location filename="../../crm_desktop/ui/messages.py" line="+28"/>
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
        <location line="+2"/>
        <source>Choose a lawful basis from the list.</source>
        <translation>请从列表中选择法律依据。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Consent cannot be withdrawn before it was given.</source>
        <translation>撤回同意的日期不能早于同意日期。</translation>
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
        <location line="+6"/>
        <source>The database %1 is encrypted. Enter its passphrase to open it.</source>
        <translation>数据库 %1 已加密。请输入密码短语以打开。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The passphrase does not open the database %1. Check it and try again; nothing was changed.</source>
        <translation>此密码短语无法打开数据库 %1。请检查后重试；没有任何内容被更改。</translation>
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
        <location line="+2"/>
        <source>“%1” was changed by someone else since you opened it. Nothing was overwritten: reopen it to see the changes.</source>
        <translation>自您打开以来，“%1”已被他人修改。未覆盖任何内容：请重新打开以查看修改。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No backup could be made in %1: %2. Nothing was changed. Choose another backup folder in Backups.</source>
        <translation>无法在 %1 中创建备份：%2。没有任何内容被更改。请在“备份”中选择其他备份文件夹。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The data folder %1 cannot be used: %2. Choose a folder you can write to with --data-dir.</source>
        <translation>无法使用数据文件夹 %1：%2。请用 --data-dir 指定一个可写入的文件夹。</translation>
    </message>
</context>
<context>
    <name>NewPassphraseDialog</name>
    <message>
        <location filename="../../crm_desktop/ui/unlock_dialog.py" line="+101"/>
        <source>Encrypt the database</source>
        <translation>加密数据库</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose a passphrase. Without it the database and its new backups cannot be opened by anyone, including you: keep it safe.</source>
        <translation>请设置密码短语。没有它，任何人（包括您自己）都无法打开数据库及其新备份，请妥善保管。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Passphrase</source>
        <translation>密码短语</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Again</source>
        <translation>再次输入</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Encrypt</source>
        <translation>加密</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Use at least %1 characters.</source>
        <translation>请至少使用 %1 个字符。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The two passphrases differ.</source>
        <translation>两次输入的密码短语不一致。</translation>
    </message>
</context>
<context>
    <name>NotificationCentre</name>
    <message>
        <location filename="../../crm_desktop/ui/reminders/centre.py" line="+47"/>
        <source>No notifications yet.</source>
        <translation>暂无通知。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Notifications</source>
        <translation>通知</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Notifications: %1 new</source>
        <translation>通知：%1 条新通知</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1 reminders while you were away</source>
        <translation>您离开期间有 %1 条提醒</translation>
    </message>
</context>
<context>
    <name>OrderDialog</name>
    <message>
        <location filename="../../crm_desktop/ui/customer/dialogs.py" line="-126"/>
        <source>New order</source>
        <translation>新建订单</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Given automatically</source>
        <translation>自动生成</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Invoice due on</source>
        <translation>发票到期日</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Product</source>
        <translation>产品</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Description</source>
        <translation>描述</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unit price</source>
        <translation>单价</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Add line</source>
        <translation>添加行</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Number</source>
        <translation>编号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Order date</source>
        <translation>订单日期</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Currency</source>
        <translation>货币</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lines</source>
        <translation>明细</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Total: %1</source>
        <translation>合计：%1</translation>
    </message>
</context>
<context>
    <name>OrdersPanel</name>
    <message>
        <location filename="../../crm_desktop/ui/customer/panels.py" line="-184"/>
        <source>New order…</source>
        <translation>新建订单…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Record payment…</source>
        <translation>记录付款…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel order</source>
        <translation>取消订单</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Order</source>
        <translation>订单</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Due</source>
        <translation>到期</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Paid</source>
        <translation>已付</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Balance</source>
        <translation>余额</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Overdue</source>
        <translation>已逾期</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Outstanding balance: %1</source>
        <translation>未结余额：%1</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Paid %1 on %2</source>
        <translation>%2 已付 %1</translation>
    </message>
</context>
<context>
    <name>OwnersTab</name>
    <message>
        <location filename="../../crm_desktop/ui/manage_dialog.py" line="-99"/>
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
        <location line="+34"/>
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
    <name>PaymentDialog</name>
    <message>
        <location filename="../../crm_desktop/ui/customer/dialogs.py" line="+20"/>
        <source>Record payment for %1</source>
        <translation>为 %1 记录付款</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Bank transfer</source>
        <translation>银行转账</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Card</source>
        <translation>银行卡</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Cash</source>
        <translation>现金</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Alipay</source>
        <translation>支付宝</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>WeChat Pay</source>
        <translation>微信支付</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Cheque</source>
        <translation>支票</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Paid on</source>
        <translation>付款日期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Method</source>
        <translation>付款方式</translation>
    </message>
</context>
<context>
    <name>PeoplePanel</name>
    <message>
        <location filename="../../crm_desktop/ui/customer/panels.py" line="+169"/>
        <source>Add relationship…</source>
        <translation>添加关系…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove relationship</source>
        <translation>移除关系</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Relationship</source>
        <translation>关系</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Title</source>
        <translation>职位</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>E-mail</source>
        <translation>邮件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Double-click or press Enter to open</source>
        <translation>双击或按回车打开</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nobody yet.</source>
        <translation>尚无人员。</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>1 person</source>
        <translation>1 人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%n people</source>
        <translation>%n 人</translation>
    </message>
</context>
<context>
    <name>Pipeline</name>
    <message>
        <location filename="../../crm_desktop/ui/pipeline/common.py" line="+35"/>
        <source>Sales</source>
        <translation>销售</translation>
    </message>
    <message>
        <location line="+4"/>
        <location filename="../../crm_desktop/ui/pipeline/editor.py" line="+268"/>
        <source>Lead</source>
        <translation>线索</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../crm_desktop/ui/pipeline/editor.py" line="+1"/>
        <source>Qualified</source>
        <translation>已确认需求</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../crm_desktop/ui/pipeline/editor.py" line="+1"/>
        <source>Proposal/Quote</source>
        <translation>方案/报价</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../crm_desktop/ui/pipeline/editor.py" line="+1"/>
        <source>Negotiation</source>
        <translation>谈判</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Price too high</source>
        <translation>价格太高</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Went with a competitor</source>
        <translation>选择了竞争对手</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No budget</source>
        <translation>没有预算</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stopped responding</source>
        <translation>不再回复</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bad timing</source>
        <translation>时机不对</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Won</source>
        <translation>赢单</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Lost</source>
        <translation>输单</translation>
    </message>
    <message>
        <location line="+63"/>
        <source>“%1” is not a number.</source>
        <translation>“%1”不是数字。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Enter zero or a positive amount.</source>
        <translation>请输入零或正数金额。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This amount is too large.</source>
        <translation>金额太大。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Choose a currency such as USD or CNY.</source>
        <translation>请选择货币，例如 USD 或 CNY。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Enter a percentage from 0 to 100.</source>
        <translation>请输入 0 到 100 之间的百分比。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>That stage belongs to another pipeline.</source>
        <translation>该阶段属于另一个销售管道。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The default pipeline cannot be deleted.</source>
        <translation>默认销售管道不能删除。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Choose the person from the list, or clear the box.</source>
        <translation>请从列表中选择联系人，或清空此框。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A pipeline needs at least one stage.</source>
        <translation>销售管道至少需要一个阶段。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>“%1” was changed in another window or by another user since you opened it. Nothing was overwritten: reopen it to see the changes.</source>
        <translation>打开“%1”之后，它已在另一个窗口或被其他用户修改。没有覆盖任何内容：请重新打开以查看更改。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>This still holds open deals; move them to another stage first.</source>
        <translation>这里还有进行中的商机，请先把它们移到其他阶段。</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/pipeline/dialogs.py" line="+14"/>
        <source>Won “%1” for %2.</source>
        <translation>以 %2 赢得“%1”。</translation>
    </message>
</context>
<context>
    <name>PipelineEditor</name>
    <message>
        <location filename="../../crm_desktop/ui/pipeline/editor.py" line="-228"/>
        <source>Pipelines and stages</source>
        <translation>销售管道与阶段</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Pipelines</source>
        <translation>销售管道</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lost reasons</source>
        <translation>输单原因</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Pipeline</source>
        <translation>销售管道</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>New…</source>
        <translation>新建…</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+273"/>
        <source>Rename…</source>
        <translation>重命名…</translation>
    </message>
    <message>
        <location line="-272"/>
        <location line="+273"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location line="-265"/>
        <source>Stage</source>
        <translation>阶段</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Probability %</source>
        <translation>概率 %</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rotting after (days)</source>
        <translation>停滞天数</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Add stage</source>
        <translation>添加阶段</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete stage…</source>
        <translation>删除阶段…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Move up</source>
        <translation>上移</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Move down</source>
        <translation>下移</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>A deal left in a stage longer than its rotting time, with nothing scheduled, is flagged on the board. Leave it empty for never.</source>
        <translation>商机在某阶段停留超过其停滞天数且没有安排任何任务时，会在看板上标记。留空表示从不标记。</translation>
    </message>
    <message>
        <location line="+65"/>
        <source>Enter whole numbers.</source>
        <translation>请输入整数。</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Stage name:</source>
        <translation>阶段名称：</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>This stage holds 1 open deal. Move it to:</source>
        <translation>该阶段有 1 个进行中的商机。移到：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This stage holds %1 open deals. Move them to:</source>
        <translation>该阶段有 %1 个进行中的商机。移到：</translation>
    </message>
    <message>
        <location line="+26"/>
        <location line="+32"/>
        <source>Pipeline name:</source>
        <translation>销售管道名称：</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>This pipeline still holds open deals. Move or close them first.</source>
        <translation>该销售管道还有进行中的商机。请先移走或关闭它们。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Add…</source>
        <translation>添加…</translation>
    </message>
    <message>
        <location line="+20"/>
        <location line="+23"/>
        <source>Lost reason:</source>
        <translation>输单原因：</translation>
    </message>
</context>
<context>
    <name>PipelinePage</name>
    <message>
        <location filename="../../crm_desktop/ui/pipeline/page.py" line="+73"/>
        <source>New deal…</source>
        <translation>新建商机…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Undo move</source>
        <translation>撤销移动</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Board</source>
        <translation>看板</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>List</source>
        <translation>列表</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Forecast</source>
        <translation>预测</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Edit pipeline…</source>
        <translation>编辑销售管道…</translation>
    </message>
    <message>
        <location line="+84"/>
        <source>Moved to %1. Ctrl+Z undoes it.</source>
        <translation>已移到%1。按 Ctrl+Z 撤销。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Marked as won. Ctrl+Z undoes it.</source>
        <translation>已标记为赢单。按 Ctrl+Z 撤销。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Marked as lost. Ctrl+Z undoes it.</source>
        <translation>已标记为输单。按 Ctrl+Z 撤销。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Deal restored.</source>
        <translation>商机已恢复。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Move undone.</source>
        <translation>已撤销移动。</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Changed elsewhere</source>
        <translation>已在别处修改</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+19"/>
        <source>Pipeline</source>
        <translation>销售管道</translation>
    </message>
    <message>
        <location line="-9"/>
        <location line="+12"/>
        <source>Deal saved.</source>
        <translation>商机已保存。</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Schedule next step…</source>
        <translation>安排下一步…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Mark as won…</source>
        <translation>标记为赢单…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mark as lost…</source>
        <translation>标记为输单…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Delete deal</source>
        <translation>删除商机</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete “%1”? Its timeline entries stay with the customer.</source>
        <translation>删除“%1”？其时间线记录仍保留在客户名下。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Deal deleted. Ctrl+Z brings it back.</source>
        <translation>商机已删除。按 Ctrl+Z 恢复。</translation>
    </message>
</context>
<context>
    <name>PreviewPage</name>
    <message>
        <location filename="../../crm_desktop/ui/import_wizard/preview_page.py" line="+37"/>
        <source>Check before importing</source>
        <translation>导入前检查</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Point at a marked cell to see what is wrong; double-click a cell to fix it.</source>
        <translation>将鼠标指向标记的单元格可查看问题；双击单元格可修改。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Import the row without the wrong values</source>
        <translation>导入该行，但不含错误的值</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Skip the row</source>
        <translation>跳过该行</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Rows matching someone in the CRM:</source>
        <translation>与 CRM 中已有人员匹配的行：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rows with wrong values:</source>
        <translation>含错误值的行：</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Skip them</source>
        <translation>跳过</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fill in their empty fields</source>
        <translation>只填写其空白字段</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Overwrite their fields</source>
        <translation>覆盖其字段</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add them anyway</source>
        <translation>仍然新增</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>same ID</source>
        <translation>相同 ID</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>same e-mail</source>
        <translation>邮箱相同</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>same phone</source>
        <translation>电话相同</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>same name and company</source>
        <translation>姓名和公司相同</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Nothing would change.</source>
        <translation>不会有任何更改。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1: %2 → %3</source>
        <translation>%1：%2 → %3</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+23"/>
        <source>New, without the marked values</source>
        <translation>新增，不含标记的值</translation>
    </message>
    <message>
        <location line="-22"/>
        <source>Skip this row</source>
        <translation>跳过此行</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Not imported: %1</source>
        <translation>不导入：%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Repeats row %1 (skipped)</source>
        <translation>与第 %1 行重复（跳过）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>New</source>
        <translation>新增</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Counting the whole file…</source>
        <translation>正在统计整个文件…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Counting the whole file… rows so far: %1</source>
        <translation>正在统计整个文件… 已统计 %1 行</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Rows: %1 · new: %2 · updates: %3 · duplicates: %4 · with problems: %5 · not importable: %6</source>
        <translation>行数：%1 · 新增：%2 · 更新：%3 · 重复：%4 · 有问题：%5 · 无法导入：%6</translation>
    </message>
</context>
<context>
    <name>Privacy</name>
    <message>
        <location filename="../../crm_desktop/ui/backups_dialog.py" line="+11"/>
        <source>%1 - personal data.zip</source>
        <translation>%1 - 个人数据.zip</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export everything about %1</source>
        <translation>导出 %1 的全部数据</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+2"/>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Everything held about %1 was saved to %2: a workbook with every record and the attached files.</source>
        <translation>%1 的全部数据已保存到 %2：包含所有记录的工作簿以及附件。</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+4"/>
        <location line="+10"/>
        <location line="+2"/>
        <source>Erase for good</source>
        <translation>彻底清除</translation>
    </message>
    <message>
        <location line="-16"/>
        <source>Erase %1 and everything about them for good: their details, timeline, history, relationships and attached files? This cannot be undone (the trash is not used).</source>
        <translation>要彻底清除 %1 及其全部数据吗？包括详细信息、时间线、历史记录、关系和附件。此操作无法撤销（不会放入回收站）。</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>%1 was erased.</source>
        <translation>已清除 %1。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Backups made before still hold a copy until rotation removes them, by %1 at the latest; delete them from the backups folder to remove it sooner.</source>
        <translation>此前创建的备份中仍保留一份副本，直到被轮换删除（最迟于 %1）；如需尽快删除，请在备份文件夹中删除这些备份。</translation>
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
        <location filename="../../crm_desktop/ui/dialogs/record_dialog.py" line="+71"/>
        <source>Save (Ctrl+Enter)</source>
        <translation>保存 (Ctrl+Enter)</translation>
    </message>
    <message>
        <location line="+30"/>
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
        <location line="+73"/>
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
    <name>RecoveryDialog</name>
    <message>
        <location filename="../../crm_desktop/ui/recovery_dialog.py" line="+50"/>
        <source>The database is damaged</source>
        <translation>数据库已损坏</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The database %1 is damaged.</source>
        <translation>数据库 %1 已损坏。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>crm-desktop can restore the newest good backup, made %1. Changes made since then are lost; the damaged file is kept in the backups folder.</source>
        <translation>crm-desktop 可以恢复最新的完好备份（创建于 %1）。此后所做的更改将丢失；损坏的文件会保留在备份文件夹中。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No good backup was found in the backups folder. You can choose a backup file yourself.</source>
        <translation>备份文件夹中没有找到完好的备份。您可以自行选择一个备份文件。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Technical details: %1</source>
        <translation>技术细节：%1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Restore this backup</source>
        <translation>恢复此备份</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Choose a backup…</source>
        <translation>选择备份…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Keep working</source>
        <translation>继续工作</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Choose a backup</source>
        <translation>选择备份</translation>
    </message>
    <message>
        <location line="+143"/>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
</context>
<context>
    <name>RelationshipDialog</name>
    <message>
        <location filename="../../crm_desktop/ui/customer/dialogs.py" line="+47"/>
        <source>Add a related person</source>
        <translation>添加关联人</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Type a name to find the person</source>
        <translation>输入姓名查找联系人</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This person</source>
        <translation>此人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Person</source>
        <translation>联系人</translation>
    </message>
</context>
<context>
    <name>ReminderController</name>
    <message>
        <location filename="../../crm_desktop/ui/reminders/controller.py" line="+89"/>
        <source>%1 reminders while you were away</source>
        <translation>您离开期间有 %1 条提醒</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open the Reminders page to see them.</source>
        <translation>打开“提醒”页面查看。</translation>
    </message>
    <message>
        <location line="+109"/>
        <source>crm-desktop is still running</source>
        <translation>crm-desktop 仍在运行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reminders keep coming from the tray. To quit, choose Quit in the tray menu; to close the app with its window, turn this off in Settings.</source>
        <translation>提醒会继续从系统托盘发出。要退出，请在托盘菜单中选择“退出”；若要在关闭窗口时同时退出应用，请在“设置”中关闭此选项。</translation>
    </message>
</context>
<context>
    <name>ReminderPopup</name>
    <message>
        <location filename="../../crm_desktop/ui/reminders/popup.py" line="+35"/>
        <location line="+68"/>
        <source>Reminder</source>
        <translation>提醒</translation>
    </message>
    <message>
        <location line="-57"/>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Snooze</source>
        <translation>稍后提醒</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+56"/>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <location line="-51"/>
        <source>Dismiss</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>While you were away</source>
        <translation>您离开期间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 reminders are waiting</source>
        <translation>有 %1 条提醒待处理</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>See them on the Reminders page.</source>
        <translation>请在“提醒”页面查看。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show all</source>
        <translation>全部显示</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Reminder (1 of %1)</source>
        <translation>提醒（第 1 条，共 %1 条）</translation>
    </message>
</context>
<context>
    <name>ReminderSettings</name>
    <message>
        <location filename="../../crm_desktop/ui/reminders/settings_section.py" line="+26"/>
        <source>Reminders</source>
        <translation>提醒</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keep running in the system tray when the window is closed</source>
        <translation>关闭窗口后继续在系统托盘中运行</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Start crm-desktop when I log in (in the tray)</source>
        <translation>登录时启动 crm-desktop（在托盘中）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Hot leads score at least</source>
        <translation>热门线索最低评分</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Follow-up rules and lead scoring…</source>
        <translation>跟进规则与线索评分…</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The autostart entry could not be written: %1</source>
        <translation>无法写入开机启动项：%1</translation>
    </message>
</context>
<context>
    <name>ReminderTexts</name>
    <message>
        <location filename="../../crm_desktop/ui/reminders/texts.py" line="+18"/>
        <source>Call</source>
        <translation>电话</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>E-mail</source>
        <translation>邮件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Meeting</source>
        <translation>会议</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>To-do</source>
        <translation>待办</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>High</source>
        <translation>高</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Normal</source>
        <translation>普通</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Low</source>
        <translation>低</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Overdue</source>
        <translation>逾期</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+94"/>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <location line="-93"/>
        <source>Upcoming</source>
        <translation>即将到期</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Get back in touch with %1</source>
        <translation>重新联系 %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Follow up on %1</source>
        <translation>跟进 %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Plan the next step for %1</source>
        <translation>为 %1 安排下一步</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 entered %2</source>
        <translation>%1 进入了 %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A deal entered a stage you follow. Click to open it.</source>
        <translation>一笔交易进入了您关注的阶段。点击打开。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>1 more person tagged “%1” is due for a follow-up</source>
        <translation>还有 1 位带有“%1”标签的联系人需要跟进</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%2 more people tagged “%1” are due for a follow-up</source>
        <translation>还有 %2 位带有“%1”标签的联系人需要跟进</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Today&apos;s tasks are made; theirs follow on the next days, the longest silent first.</source>
        <translation>今天的任务已创建；其余的将在接下来几天创建，最久未联系的优先。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Keep in touch</source>
        <translation>保持联系</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Deal enters a stage</source>
        <translation>交易进入某阶段</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Deal without a next step</source>
        <translation>交易没有下一步</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No reminder</source>
        <translation>不提醒</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>At the due time</source>
        <translation>到期时</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>5 minutes before</source>
        <translation>提前 5 分钟</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>10 minutes before</source>
        <translation>提前 10 分钟</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>15 minutes before</source>
        <translation>提前 15 分钟</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>30 minutes before</source>
        <translation>提前 30 分钟</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>1 hour before</source>
        <translation>提前 1 小时</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>2 hours before</source>
        <translation>提前 2 小时</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>1 day before</source>
        <translation>提前 1 天</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Tagged %1</source>
        <translation>带有标签 %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Has %1</source>
        <translation>有%1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Company of %1+ people</source>
        <translation>公司人数 %1 人以上</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Came from %1</source>
        <translation>来源：%1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1+ interactions in %2 days</source>
        <translation>%2 天内互动 %1 次以上</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Deal in a chosen stage</source>
        <translation>交易处于指定阶段</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>an e-mail address</source>
        <translation>电子邮件地址</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a phone number</source>
        <translation>电话号码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a job title</source>
        <translation>职位</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a company</source>
        <translation>公司</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a website</source>
        <translation>网站</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>an address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a birthday</source>
        <translation>生日</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>No date</source>
        <translation>无日期</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Tomorrow</source>
        <translation>明天</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Yesterday</source>
        <translation>昨天</translation>
    </message>
</context>
<context>
    <name>Reminders</name>
    <message>
        <location filename="../../crm_desktop/ui/reminders/actions.py" line="+32"/>
        <location line="+9"/>
        <source>Snooze</source>
        <translation>稍后提醒</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>10 minutes</source>
        <translation>10 分钟</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>1 hour</source>
        <translation>1 小时</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Tomorrow morning</source>
        <translation>明天上午</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Pick a time…</source>
        <translation>选择时间…</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>Reminders</source>
        <translation>提醒</translation>
    </message>
</context>
<context>
    <name>RemindersPage</name>
    <message>
        <location filename="../../crm_desktop/ui/reminders/page.py" line="+72"/>
        <source>Reminders</source>
        <translation>提醒</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>+ New task</source>
        <translation>+ 新建任务</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>Calendar</source>
        <translation>日历</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Export tasks to a file…</source>
        <translation>将任务导出到文件…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Subscribe from a calendar app…</source>
        <translation>在日历应用中订阅…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Person</source>
        <translation>联系人</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Company</source>
        <translation>公司</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Score</source>
        <translation>评分</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Top reason</source>
        <translation>主要原因</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+223"/>
        <source>Done — log it</source>
        <translation>完成并记录</translation>
    </message>
    <message>
        <location line="-222"/>
        <source>Snooze</source>
        <translation>稍后提醒</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open customer</source>
        <translation>打开客户</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Edit task</source>
        <translation>编辑任务</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New task</source>
        <translation>新建任务</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+160"/>
        <location line="+14"/>
        <source>Delete task</source>
        <translation>删除任务</translation>
    </message>
    <message>
        <location line="-152"/>
        <source>Everyone</source>
        <translation>所有人</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>All types</source>
        <translation>所有类型</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Hot leads</source>
        <translation>热门线索</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>No contact scores %1 or more yet.</source>
        <translation>还没有评分达到 %1 分的联系人。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Nothing overdue. Well done!</source>
        <translation>没有逾期任务，干得好！</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nothing else due today.</source>
        <translation>今天没有其他到期任务。</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>No tasks here.</source>
        <translation>这里没有任务。</translation>
    </message>
    <message>
        <location line="+39"/>
        <location line="+5"/>
        <source>Task saved.</source>
        <translation>任务已保存。</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+8"/>
        <source>Task done.</source>
        <translation>任务已完成。</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Task done and logged on the customer&apos;s timeline.</source>
        <translation>任务已完成，并已记录到客户的时间线。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Snoozed.</source>
        <translation>已推迟提醒。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Delete this task?</source>
        <translation>删除此任务？</translation>
    </message>
    <message>
        <location line="+17"/>
        <location line="+8"/>
        <source>Export tasks as a calendar</source>
        <translation>将任务导出为日历</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>Calendar (*.ics)</source>
        <translation>日历 (*.ics)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Exported %1 tasks to %2.</source>
        <translation>已将 %1 个任务导出到 %2。</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+4"/>
        <source>Calendar subscription</source>
        <translation>日历订阅</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your calendar app can subscribe to this file; crm-desktop keeps it up to date whenever tasks change:</source>
        <translation>您的日历应用可以订阅此文件；每当任务变化时，crm-desktop 都会更新它：</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Done — log call</source>
        <translation>完成并记录通话</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Done — log e-mail</source>
        <translation>完成并记录邮件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Done — log meeting</source>
        <translation>完成并记录会议</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Done — log note</source>
        <translation>完成并记录备注</translation>
    </message>
</context>
<context>
    <name>RichTextEdit</name>
    <message>
        <location filename="../../crm_desktop/ui/customer/richtext.py" line="+21"/>
        <source>Bold</source>
        <translation>粗体</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Italic</source>
        <translation>斜体</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bulleted list</source>
        <translation>项目符号列表</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Numbered list</source>
        <translation>编号列表</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Link…</source>
        <translation>链接…</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>Insert link</source>
        <translation>插入链接</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Address (https://… or mailto:…):</source>
        <translation>地址（https://… 或 mailto:…）：</translation>
    </message>
</context>
<context>
    <name>RuleEditor</name>
    <message>
        <location filename="../../crm_desktop/ui/reminders/rules_dialog.py" line="+73"/>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <location line="+8"/>
        <source> days later</source>
        <translation> 天后</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 stands for the person&apos;s or the deal&apos;s name.</source>
        <translation>%1 代表联系人或交易的名称。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No limit</source>
        <translation>不限</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>When more people need a follow-up, the longest silent get theirs first and the others on the next days.</source>
        <translation>需要跟进的人更多时，最久未联系的先获得任务，其余的在接下来几天获得。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Create a task</source>
        <translation>创建任务</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Notify the owner</source>
        <translation>通知负责人</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>People tagged</source>
        <translation>带有标签的联系人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not talked to for</source>
        <translation>未联系时长</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New tasks a day, at most</source>
        <translation>每天最多新建任务数</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>When a deal enters</source>
        <translation>当交易进入</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Then</source>
        <translation>然后</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Task due</source>
        <translation>任务到期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Task type</source>
        <translation>任务类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Task title</source>
        <translation>任务标题</translation>
    </message>
</context>
<context>
    <name>RulesDialog</name>
    <message>
        <location line="+46"/>
        <source>Follow-up rules and lead scoring</source>
        <translation>跟进规则与线索评分</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Follow-up rules</source>
        <translation>跟进规则</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lead scoring</source>
        <translation>线索评分</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Rule</source>
        <translation>规则</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>What it does</source>
        <translation>作用</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Add keep in touch</source>
        <translation>添加保持联系规则</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add stage rule</source>
        <translation>添加阶段规则</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+133"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location line="-120"/>
        <source>People tagged “%1” not talked to for %2 days get a task for their owner.</source>
        <translation>带有“%1”标签且 %2 天未联系的联系人，会为其负责人创建一个任务。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>At most %1 new tasks a day.</source>
        <translation>每天最多新建 %1 个任务。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>A deal entering “%1” notifies its owner.</source>
        <translation>交易进入“%1”时通知其负责人。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A deal entering “%1” gets a task due %2 days later.</source>
        <translation>交易进入“%1”时，创建一个 %2 天后到期的任务。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>An open deal with no open task reminds its owner.</source>
        <translation>没有未完成任务的进行中交易会提醒其负责人。</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>There are no pipeline stages yet.</source>
        <translation>还没有销售阶段。</translation>
    </message>
    <message>
        <location line="+70"/>
        <source>Points</source>
        <translation>分数</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>When</source>
        <translation>条件</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>tag, field, size, source…</source>
        <translation>标签、字段、规模、来源…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Rescore everyone now</source>
        <translation>立即重新评分</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Has tag</source>
        <translation>带有标签</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Has field</source>
        <translation>填写了字段</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Company size at least</source>
        <translation>公司人数至少</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Source is</source>
        <translation>来源为</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Interactions in 30 days at least</source>
        <translation>30 天内互动次数至少</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open deal in stage</source>
        <translation>有处于该阶段的进行中交易</translation>
    </message>
    <message>
        <location line="+65"/>
        <source>%1 people scored.</source>
        <translation>已为 %1 位联系人评分。</translation>
    </message>
</context>
<context>
    <name>RunPage</name>
    <message>
        <location filename="../../crm_desktop/ui/import_wizard/run_page.py" line="+32"/>
        <location line="+28"/>
        <source>Importing</source>
        <translation>正在导入</translation>
    </message>
    <message>
        <location line="-23"/>
        <source>Cancel import</source>
        <translation>取消导入</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save rows not imported…</source>
        <translation>保存未导入的行…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Undo import</source>
        <translation>撤销导入</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>Row %1 of %2 · %3 per second · about %4 s left</source>
        <translation>第 %1 / %2 行 · 每秒 %3 行 · 约剩 %4 秒</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Rows: %1 · %2 per second</source>
        <translation>行数：%1 · 每秒 %2 行</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Import finished</source>
        <translation>导入完成</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Import cancelled. Nothing was imported.</source>
        <translation>已取消导入，未导入任何内容。</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+3"/>
        <source>Nothing was imported.</source>
        <translation>未导入任何内容。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Rows: %1 · time: %2 s</source>
        <translation>行数：%1 · 用时：%2 秒</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Save rows not imported</source>
        <translation>保存未导入的行</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
</context>
<context>
    <name>SegmentBar</name>
    <message>
        <location filename="../../crm_desktop/ui/segments/page.py" line="-303"/>
        <source>Edit filter…</source>
        <translation>编辑筛选条件…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Actions on all</source>
        <translation>对全部记录操作</translation>
    </message>
</context>
<context>
    <name>SegmentDialog</name>
    <message>
        <location filename="../../crm_desktop/ui/segments/builder.py" line="+256"/>
        <source>Edit segment</source>
        <translation>编辑细分</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>New segment</source>
        <translation>新建细分</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>e.g. Customers in Berlin</source>
        <translation>例如：柏林的客户</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Open</source>
        <translation>进行中</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Won</source>
        <translation>赢单</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Lost</source>
        <translation>输单</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Complete the conditions to see how many match.</source>
        <translation>请完善条件以查看匹配数量。</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>1 company matches.</source>
        <translation>1 家公司符合。</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%Ln companies match.</source>
        <translation>%Ln 家公司符合。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>1 deal matches.</source>
        <translation>1 个商机符合。</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%Ln deals match.</source>
        <translation>%Ln 个商机符合。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>1 person matches.</source>
        <translation>1 位联系人符合。</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%Ln people match.</source>
        <translation>%Ln 位联系人符合。</translation>
    </message>
</context>
<context>
    <name>SegmentFields</name>
    <message>
        <location filename="../../crm_desktop/ui/duplicates/merge_dialog.py" line="-59"/>
        <location filename="../../crm_desktop/ui/segments/fields.py" line="+21"/>
        <source>Email</source>
        <translation>电子邮件</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/segments/fields.py" line="-6"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Job title</source>
        <translation>职位</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Given name</source>
        <translation>名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Family name</source>
        <translation>姓</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Company</source>
        <translation>公司</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>City</source>
        <translation>城市</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Country</source>
        <translation>国家/地区</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>State / province</source>
        <translation>省/州</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Street</source>
        <translation>街道</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Postal code</source>
        <translation>邮政编码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Industry</source>
        <translation>行业</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Website</source>
        <translation>网站</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Employees</source>
        <translation>员工人数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Number of people</source>
        <translation>联系人数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last interaction</source>
        <translation>最近互动</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Updated</source>
        <translation>更新时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Birthday</source>
        <translation>生日</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lead score</source>
        <translation>线索评分</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open deals</source>
        <translation>进行中的商机</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Deal value</source>
        <translation>商机金额</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Currency</source>
        <translation>币种</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stage</source>
        <translation>阶段</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pipeline</source>
        <translation>销售管道</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Expected close</source>
        <translation>预计成交日期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Closed</source>
        <translation>关闭时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Next step</source>
        <translation>下一步</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Probability</source>
        <translation>赢单概率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Do not contact</source>
        <translation>请勿联系</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>none in the last … days</source>
        <translation>最近 … 天内没有</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+3"/>
        <source>in the last … days</source>
        <translation>最近 … 天内</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>never</source>
        <translation>从未</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>not in the last … days</source>
        <translation>不在最近 … 天内</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>before</source>
        <translation>早于</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>after</source>
        <translation>晚于</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+12"/>
        <location line="+11"/>
        <source>is empty</source>
        <translation>为空</translation>
    </message>
    <message>
        <location line="-22"/>
        <location line="+12"/>
        <location line="+11"/>
        <source>is not empty</source>
        <translation>不为空</translation>
    </message>
    <message>
        <location line="-21"/>
        <source>has any of</source>
        <translation>包含任一</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>has all of</source>
        <translation>包含全部</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>has none of</source>
        <translation>不包含任何</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+8"/>
        <location line="+6"/>
        <source>is</source>
        <translation>是</translation>
    </message>
    <message>
        <location line="-14"/>
        <location line="+8"/>
        <location line="+6"/>
        <source>is not</source>
        <translation>不是</translation>
    </message>
    <message>
        <location line="-13"/>
        <source>is nobody</source>
        <translation>无人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>is anybody</source>
        <translation>有人</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>is marked</source>
        <translation>已标记</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>is not marked</source>
        <translation>未标记</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>contains</source>
        <translation>包含</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>does not contain</source>
        <translation>不包含</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>starts with</source>
        <translation>开头是</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>People</source>
        <translation>联系人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Companies</source>
        <translation>公司</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Deals</source>
        <translation>商机</translation>
    </message>
</context>
<context>
    <name>SegmentPage</name>
    <message>
        <location filename="../../crm_desktop/ui/segments/page.py" line="+22"/>
        <source>Add a tag to all…</source>
        <translation>为全部记录添加标签…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Assign an owner to all…</source>
        <translation>为全部记录指定负责人…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Create a task for each…</source>
        <translation>为每条记录创建任务…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Move all to the trash…</source>
        <translation>全部移入回收站…</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>Add a tag to all</source>
        <translation>为全部记录添加标签</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tag:</source>
        <translation>标签：</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Tag “%1” added to %2 records.</source>
        <translation>已为 %2 条记录添加标签“%1”。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>(Nobody)</source>
        <translation>（无人）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Assign an owner to all</source>
        <translation>为全部记录指定负责人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Owner:</source>
        <translation>负责人：</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Owner changed on %1 records.</source>
        <translation>已更改 %1 条记录的负责人。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Create a task for each</source>
        <translation>为每条记录创建任务</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Task (due tomorrow):</source>
        <translation>任务（明天到期）：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Create a task for each of the %1 records?</source>
        <translation>为这 %1 条记录各创建一个任务？</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 tasks created.</source>
        <translation>已创建 %1 个任务。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Move all %1 records of this segment to the trash?</source>
        <translation>将此细分中的全部 %1 条记录移入回收站？</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 records moved to the trash.</source>
        <translation>已将 %1 条记录移入回收站。</translation>
    </message>
</context>
<context>
    <name>SegmentsPanel</name>
    <message>
        <location filename="../../crm_desktop/ui/segments/__init__.py" line="+46"/>
        <source>Find &amp;duplicates…</source>
        <translation>查找重复(&amp;D)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Data &amp;quality…</source>
        <translation>数据质量(&amp;Q)…</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>Save as segment</source>
        <translation>另存为细分</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>A segment does not keep the search text or the organisation of these filters; add conditions for them in the builder if you need them.</source>
        <translation>细分不会保留这些筛选条件中的搜索文字和组织；如有需要，请在筛选器中为它们添加条件。</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/segments/panel.py" line="+61"/>
        <source>SEGMENTS</source>
        <translation>细分</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>New segment</source>
        <translation>新建细分</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Segment of people…</source>
        <translation>联系人细分…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Segment of companies…</source>
        <translation>公司细分…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Segment of deals…</source>
        <translation>交易细分…</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Save a filter as a segment to find it here.</source>
        <translation>将筛选条件保存为细分后会显示在这里。</translation>
    </message>
    <message>
        <location line="+77"/>
        <source>Delete segment</source>
        <translation>删除细分</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete the segment “%1”? The records in it stay as they are.</source>
        <translation>删除细分“%1”？其中的记录不受影响。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Edit filter…</source>
        <translation>编辑筛选条件…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete segment…</source>
        <translation>删除细分…</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../crm_desktop/ui/dialogs/settings_dialog.py" line="+71"/>
        <location line="+117"/>
        <location line="+26"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location line="-115"/>
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
        <location line="+12"/>
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
        <location line="+3"/>
        <source> MB</source>
        <translation> MB</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Largest file to attach</source>
        <translation>附件大小上限</translation>
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
        <location line="+23"/>
        <source>The folder %1 could not be opened.</source>
        <translation>无法打开文件夹 %1。</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>The settings could not be saved: %1</source>
        <translation>无法保存设置：%1</translation>
    </message>
</context>
<context>
    <name>SnoozeDialog</name>
    <message>
        <location filename="../../crm_desktop/ui/reminders/actions.py" line="-31"/>
        <source>Snooze until</source>
        <translation>稍后提醒至</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Remind me again at:</source>
        <translation>再次提醒我的时间：</translation>
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
    <name>TagEditor</name>
    <message>
        <location filename="../../crm_desktop/ui/customer/header.py" line="-158"/>
        <source>+ tag</source>
        <translation>+ 标签</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Type a tag and press Enter to add it</source>
        <translation>输入标签并按回车添加</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Remove tag “%1”</source>
        <translation>移除标签“%1”</translation>
    </message>
</context>
<context>
    <name>TagsTab</name>
    <message>
        <location filename="../../crm_desktop/ui/manage_dialog.py" line="-117"/>
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
        <location line="+32"/>
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
    <name>TargetsDialog</name>
    <message>
        <location filename="../../crm_desktop/ui/dashboard/targets.py" line="+96"/>
        <source>Targets</source>
        <translation>目标</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>0 = no target</source>
        <translation>0 = 不设目标</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No target</source>
        <translation>不设目标</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Owner:</source>
        <translation>负责人：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Won value per month (%1):</source>
        <translation>每月赢单金额 (%1)：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Activities per week:</source>
        <translation>每周活动数：</translation>
    </message>
</context>
<context>
    <name>TargetsPanel</name>
    <message>
        <location line="-80"/>
        <source>Won value this month</source>
        <translation>本月赢单金额</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Activities this week</source>
        <translation>本周活动数</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>No targets yet: use Targets… to set monthly won value or weekly activities per owner.</source>
        <translation>尚未设定目标：点击“目标…”为每位负责人设定每月赢单金额或每周活动数。</translation>
    </message>
</context>
<context>
    <name>TaskDialog</name>
    <message>
        <location filename="../../crm_desktop/ui/reminders/task_dialog.py" line="+57"/>
        <source>Edit task</source>
        <translation>编辑任务</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>New task</source>
        <translation>新建任务</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>e.g. Call about the quote</source>
        <translation>例如：就报价打电话</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+200"/>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location line="-197"/>
        <location line="+198"/>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="-197"/>
        <location line="+196"/>
        <source>Due</source>
        <translation>到期</translation>
    </message>
    <message>
        <location line="-193"/>
        <location line="+195"/>
        <source>Reminder</source>
        <translation>提醒</translation>
    </message>
    <message>
        <location line="-194"/>
        <location line="+192"/>
        <source>Repeat</source>
        <translation>重复</translation>
    </message>
    <message>
        <location line="-189"/>
        <location line="+190"/>
        <source>Priority</source>
        <translation>优先级</translation>
    </message>
    <message>
        <location line="-188"/>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Deal</source>
        <translation>交易</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>All day</source>
        <translation>全天</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Does not repeat</source>
        <translation>不重复</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Every N days</source>
        <translation>每 N 天</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Every N weeks on…</source>
        <translation>每 N 周的…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Every N months on this day</source>
        <translation>每 N 个月的这一天</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Every N years</source>
        <translation>每 N 年</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>N days after completion</source>
        <translation>完成后 N 天</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>N = </source>
        <translation>N = </translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Type a person or company name</source>
        <translation>输入联系人或公司名称</translation>
    </message>
    <message>
        <location line="+61"/>
        <source>No deal</source>
        <translation>无交易</translation>
    </message>
</context>
<context>
    <name>TaskTableModel</name>
    <message>
        <location filename="../../crm_desktop/ui/reminders/task_model.py" line="+94"/>
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Due</source>
        <translation>到期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Priority</source>
        <translation>优先级</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1 is marked “do not contact”: this reminder does not notify</source>
        <translation>%1 已标记为“请勿联系”：此提醒不会通知</translation>
    </message>
</context>
<context>
    <name>TasksPanel</name>
    <message>
        <location filename="../../crm_desktop/ui/customer/panels.py" line="-248"/>
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Due</source>
        <translation>到期</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Person</source>
        <translation>联系人</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1 open, %2 done</source>
        <translation>%1 项未完成，%2 项已完成</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No tasks yet.</source>
        <translation>尚无任务。</translation>
    </message>
</context>
<context>
    <name>TimelineModel</name>
    <message>
        <location filename="../../crm_desktop/ui/customer/timeline_model.py" line="+104"/>
        <source>%1 changed</source>
        <translation>%1 已更改</translation>
    </message>
</context>
<context>
    <name>TimelinePane</name>
    <message>
        <location filename="../../crm_desktop/ui/customer/timeline_view.py" line="+36"/>
        <source>All activity</source>
        <translation>全部动态</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Search the timeline</source>
        <translation>搜索时间线</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Jump to a date</source>
        <translation>跳转到日期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Go to date</source>
        <translation>转到日期</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Timeline</source>
        <translation>时间线</translation>
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
        <location line="+15"/>
        <source>Person</source>
        <translation>联系人</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Company</source>
        <translation>公司</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Deal</source>
        <translation>交易</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Timeline entry</source>
        <translation>时间线记录</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Order</source>
        <translation>订单</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Service case</source>
        <translation>服务工单</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>(no name)</source>
        <translation>（无名称）</translation>
    </message>
</context>
<context>
    <name>TrashPage</name>
    <message>
        <location line="+21"/>
        <location line="+131"/>
        <source>Trash</source>
        <translation>回收站</translation>
    </message>
    <message>
        <location line="-128"/>
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
        <location line="+70"/>
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
<context>
    <name>TrayIcon</name>
    <message>
        <location filename="../../crm_desktop/ui/tray.py" line="+61"/>
        <location line="+44"/>
        <source>Next up</source>
        <translation>接下来</translation>
    </message>
    <message>
        <location line="-41"/>
        <source>Open crm-desktop</source>
        <translation>打开 crm-desktop</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New task…</source>
        <translation>新建任务…</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+46"/>
        <source>Pause notifications for 1 hour</source>
        <translation>暂停通知 1 小时</translation>
    </message>
    <message>
        <location line="-42"/>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Nothing due today</source>
        <translation>今天没有到期任务</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>1 overdue</source>
        <translation>1 个逾期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 overdue</source>
        <translation>%1 个逾期</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>1 due today</source>
        <translation>今天 1 个到期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 due today</source>
        <translation>今天 %1 个到期</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>No upcoming tasks</source>
        <translation>没有即将到期的任务</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Notifications paused until %1</source>
        <translation>通知已暂停至 %1</translation>
    </message>
</context>
<context>
    <name>UndoHistory</name>
    <message>
        <location filename="../../crm_desktop/ui/undo/commands.py" line="+73"/>
        <location line="+15"/>
        <location filename="../../crm_desktop/ui/undo/texts.py" line="+40"/>
        <source>Edit “%1”</source>
        <translation>编辑“%1”</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/undo/history.py" line="+71"/>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Undo &amp;history…</source>
        <translation>撤销历史(&amp;H)…</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Undone: %1</source>
        <translation>已撤销：%1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Redone: %1</source>
        <translation>已重做：%1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1…</source>
        <translation>%1…</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>&amp;Undo %1</source>
        <translation>撤销 %1(&amp;U)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Redo %1</source>
        <translation>重做 %1(&amp;R)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <location line="+27"/>
        <location line="+3"/>
        <source>Undo history</source>
        <translation>撤销历史</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>&lt;session start&gt;</source>
        <translation>&lt;本次会话开始&gt;</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/undo/texts.py" line="-21"/>
        <source>New company “%1”</source>
        <translation>新建公司“%1”</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New deal “%1”</source>
        <translation>新建商机“%1”</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Log “%1”</source>
        <translation>记录“%1”</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New task “%1”</source>
        <translation>新建任务“%1”</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New order %1</source>
        <translation>新建订单 %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Payment on %1</source>
        <translation>%1 的付款</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open case “%1”</source>
        <translation>新建服务工单“%1”</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Relate %1</source>
        <translation>关联 %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Attach “%1”</source>
        <translation>附加“%1”</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New pipeline “%1”</source>
        <translation>新建销售管道“%1”</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New lost reason “%1”</source>
        <translation>新建输单原因“%1”</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New tag “%1”</source>
        <translation>新建标签“%1”</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New rule “%1”</source>
        <translation>新建规则“%1”</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New owner “%1”</source>
        <translation>新建负责人“%1”</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New scoring rule “%1”</source>
        <translation>新建评分规则“%1”</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New field “%1”</source>
        <translation>新建字段“%1”</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>New person “%1”</source>
        <translation>新建联系人“%1”</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Pin “%1”</source>
        <translation>置顶“%1”</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unpin “%1”</source>
        <translation>取消置顶“%1”</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Mark “%1” as done</source>
        <translation>将“%1”标记为已完成</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Snooze “%1”</source>
        <translation>稍后提醒“%1”</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Mark %1 as %2</source>
        <translation>将 %1 标记为%2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Change the photo of “%1”</source>
        <translation>更换“%1”的照片</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove the photo of “%1”</source>
        <translation>移除“%1”的照片</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Set the monthly won value target for “%1”</source>
        <translation>设置“%1”的每月赢单金额目标</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove the monthly won value target for “%1”</source>
        <translation>取消“%1”的每月赢单金额目标</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Set the weekly activities target for “%1”</source>
        <translation>设置“%1”的每周活动数目标</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove the weekly activities target for “%1”</source>
        <translation>取消“%1”的每周活动数目标</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Remove the targets for “%1”</source>
        <translation>取消“%1”的目标</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Set the targets for “%1”</source>
        <translation>设置“%1”的目标</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Change the targets for “%1”</source>
        <translation>修改“%1”的目标</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Mark “%1” and “%2” as not duplicates</source>
        <translation>将“%1”和“%2”标记为不是重复</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Change tag “%1”</source>
        <translation>修改标签“%1”</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Change owner “%1”</source>
        <translation>修改负责人“%1”</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Rename “%1” to “%2”</source>
        <translation>将“%1”重命名为“%2”</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Change rule “%1”</source>
        <translation>修改规则“%1”</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Add stage “%1”</source>
        <translation>添加阶段“%1”</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Delete stage “%1”</source>
        <translation>删除阶段“%1”</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Move stage “%1”</source>
        <translation>移动阶段“%1”</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Change stage “%1”</source>
        <translation>修改阶段“%1”</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Remove the relationship with %1</source>
        <translation>移除与 %1 的关系</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Delete “%1”</source>
        <translation>删除“%1”</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Delete 1 company</source>
        <translation>删除 1 家公司</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete %Ln companies</source>
        <translation>删除 %Ln 家公司</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Delete 1 deal</source>
        <translation>删除 1 个商机</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete %Ln deals</source>
        <translation>删除 %Ln 个商机</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Delete 1 task</source>
        <translation>删除 1 个任务</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete %Ln tasks</source>
        <translation>删除 %Ln 个任务</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Delete 1 timeline entry</source>
        <translation>删除 1 条时间线记录</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete %Ln timeline entries</source>
        <translation>删除 %Ln 条时间线记录</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete 1 person</source>
        <translation>删除 1 位联系人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete %Ln people</source>
        <translation>删除 %Ln 位联系人</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Restore “%1”</source>
        <translation>恢复“%1”</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Restore 1 item</source>
        <translation>恢复 1 项</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Restore %Ln items</source>
        <translation>恢复 %Ln 项</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>1 company</source>
        <translation>1 家公司</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%Ln companies</source>
        <translation>%Ln 家公司</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>1 deal</source>
        <translation>1 笔交易</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%Ln deals</source>
        <translation>%Ln 笔交易</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>1 person</source>
        <translation>1 位联系人</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%Ln people</source>
        <translation>%Ln 位联系人</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Add tag “%1” to %2</source>
        <translation>为%2添加标签“%1”</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove tag “%1” from %2</source>
        <translation>移除%2的标签“%1”</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Remove the owner of %1</source>
        <translation>取消%1的负责人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Give %1 to %2</source>
        <translation>将%1交给 %2 负责</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Create task “%1” for 1 deal</source>
        <translation>为 1 笔交易创建任务“%1”</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Create task “%1” for %Ln deals</source>
        <translation>为 %Ln 笔交易创建任务“%1”</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Move “%1” to %2</source>
        <translation>将“%1”移到%2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Mark “%1” as won</source>
        <translation>将“%1”标记为赢单</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Mark “%1” as lost</source>
        <translation>将“%1”标记为输单</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Merge “%1” into “%2”</source>
        <translation>将“%1”合并到“%2”</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Restore %1 of “%2”</source>
        <translation>恢复“%2”的%1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 (already undone)</source>
        <translation>%1（已撤销）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Already undone</source>
        <translation>已撤销</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cannot undo</source>
        <translation>无法撤销</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cannot redo</source>
        <translation>无法重做</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cannot do this</source>
        <translation>无法执行此操作</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Not undone: %1.
%2</source>
        <translation>未撤销：%1。
%2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not redone: %1.
%2</source>
        <translation>未重做：%1。
%2</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The targets of “%1” were changed elsewhere since, and that change is kept. Look at them and change them again by hand if needed.</source>
        <translation>“%1”的目标此后已在别处被修改，该修改已保留。请查看后如有需要再手动修改。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>“%1” was changed elsewhere since, and that change is kept. Look at it and change it again by hand if needed.</source>
        <translation>“%1”此后已在别处被修改，该修改已保留。请查看后如有需要再手动修改。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>It was already undone another way (from the record&apos;s timeline or the list of merges), so nothing was changed now.</source>
        <translation>它已通过其他方式撤销（在记录的时间线或合并列表中），因此这次没有做任何更改。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>It is no longer in the trash: it was deleted for good or restored since.</source>
        <translation>它已不在回收站中：此后已被永久删除或已恢复。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The record is no longer there: it was deleted since.</source>
        <translation>该记录已不存在：此后已被删除。</translation>
    </message>
</context>
<context>
    <name>UnlockDialog</name>
    <message>
        <location filename="../../crm_desktop/ui/unlock_dialog.py" line="-100"/>
        <source>crm-desktop is locked</source>
        <translation>crm-desktop 已锁定</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Unlock crm-desktop</source>
        <translation>解锁 crm-desktop</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The database %1 is encrypted. Enter its passphrase to open it.</source>
        <translation>数据库 %1 已加密。请输入密码短语以打开。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Passphrase</source>
        <translation>密码短语</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Keep the passphrase in the system keychain</source>
        <translation>将密码短语保存在系统钥匙串中</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Unlock</source>
        <translation>解锁</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Quit crm-desktop</source>
        <translation>退出 crm-desktop</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>This passphrase does not open the database. Check it (capital letters, keyboard layout) and try again; nothing was changed.</source>
        <translation>此密码短语无法打开数据库。请检查（大小写、键盘布局）后重试；没有任何内容被更改。</translation>
    </message>
</context>
<context>
    <name>WonDialog</name>
    <message>
        <location filename="../../crm_desktop/ui/pipeline/dialogs.py" line="-102"/>
        <source>Deal won</source>
        <translation>赢单</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>“%1” is won. Confirm what was agreed:</source>
        <translation>“%1”已赢单。请确认最终约定：</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Final value (%1)</source>
        <translation>最终金额（%1）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Close date</source>
        <translation>成交日期</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Mark as won</source>
        <translation>标记为赢单</translation>
    </message>
</context>
</TS>
