<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AboutDialog</name>
    <message>
        <source>The Huangpu River, the riverside and the site outlines are approximate: they are drawn from reference points and the district centre line, not surveyed. Areas and lengths the app computes describe these drawings.</source>
        <translation>黄浦江、滨江岸线和地块轮廓均为示意位置：它们依据参考点和区界中心线绘制，并非实测。本软件计算的面积和长度描述的是这些图上轮廓。</translation>
    </message>
    <message>
        <source>A desktop GIS viewer for the urban planners of Yangpu District (杨浦区), Shanghai. Works offline; all map data is embedded.</source>
        <translation>为上海市杨浦区城市规划人员打造的桌面 GIS 浏览器。无需联网即可使用，全部地图数据均已内置。</translation>
    </message>
    <message>
        <source>Licence:</source>
        <translation>许可：</translation>
    </message>
    <message>
        <source>Data sources</source>
        <translation>数据来源</translation>
    </message>
    <message>
        <source>Note:</source>
        <translation>注意：</translation>
    </message>
    <message>
        <source>Problems the app meets, with the technical details, are written to its log file: {path}</source>
        <translation>应用遇到的问题及其技术细节记录在日志文件中：{path}</translation>
    </message>
    <message>
        <source>About Yangpu GIS</source>
        <translation>关于杨浦 GIS</translation>
    </message>
    <message>
        <source>Yangpu GIS</source>
        <translation>杨浦 GIS</translation>
    </message>
    <message>
        <source>version {version}</source>
        <translation>版本 {version}</translation>
    </message>
</context>
<context>
    <name>AttributeFilterBar</name>
    <message>
        <source>The field to compare</source>
        <translation>要比较的字段</translation>
    </message>
    <message>
        <source>contains</source>
        <translation>包含</translation>
    </message>
    <message>
        <source>How to compare</source>
        <translation>比较方式</translation>
    </message>
    <message>
        <source>Value, or a filter such as area &gt; 5</source>
        <translation>值，或筛选条件，如 面积 &gt; 5</translation>
    </message>
    <message>
        <source>Type a value to compare the chosen field with, or a whole filter: field, operator (= ≠ &lt; ≤ &gt; ≥ contains), value. Enter selects the matches.</source>
        <translation>输入与所选字段比较的值，或完整的筛选条件：字段、运算符（= ≠ &lt; ≤ &gt; ≥ 包含）、值。按回车选择符合条件的要素。</translation>
    </message>
    <message>
        <source>Select matches</source>
        <translation>选择符合项</translation>
    </message>
    <message>
        <source>Filter</source>
        <translation>筛选</translation>
    </message>
    <message numerus="yes">
        <source>%n feature(s) match</source>
        <translation>
            <numerusform>%n 个要素符合</numerusform>
        </translation>
    </message>
    <message>
        <source>This layer has no field “{field}”</source>
        <translation>此图层没有字段“{field}”</translation>
    </message>
    <message>
        <source>“{value}” is not a number, and the field holds numbers</source>
        <translation>“{value}”不是数字，而该字段是数值字段</translation>
    </message>
    <message>
        <source>Type a value or a filter such as area &gt; 5</source>
        <translation>请输入值或筛选条件，如 面积 &gt; 5</translation>
    </message>
    <message>
        <source>Cannot read the filter “{text}”: use field, operator, value</source>
        <translation>无法读取筛选条件“{text}”：请按 字段 运算符 值 的格式输入</translation>
    </message>
</context>
<context>
    <name>AttributeTable</name>
    <message>
        <source>Zoom to selection</source>
        <translation>缩放至所选要素</translation>
    </message>
    <message>
        <source>Clear selection</source>
        <translation>清除选择</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>图层</translation>
    </message>
    <message>
        <source>No layer</source>
        <translation>无图层</translation>
    </message>
    <message numerus="yes">
        <source>%Ln feature(s)</source>
        <translation>
            <numerusform>%Ln 个要素</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{features} · %Ln selected</source>
        <translation>
            <numerusform>{features} · 已选 %Ln 个</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>BasemapController</name>
    <message>
        <source>Cannot use this basemap: {reason}</source>
        <translation>无法使用此底图：{reason}</translation>
    </message>
    <message>
        <source>&amp;Recent</source>
        <translation>最近使用(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;None</source>
        <translation>无底图(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;OpenStreetMap (online)</source>
        <translation>&amp;OpenStreetMap（在线）</translation>
    </message>
    <message>
        <source>Open basemap &amp;file (MBTiles, PMTiles, GeoPackage)…</source>
        <translation>打开底图文件（MBTiles、PMTiles、GeoPackage）(&amp;F)…</translation>
    </message>
    <message>
        <source>Open tile &amp;folder ({z}/{x}/{y})…</source>
        <translation>打开瓦片文件夹（{z}/{x}/{y}）(&amp;D)…</translation>
    </message>
    <message>
        <source>Online &amp;tile URL (XYZ, WMTS)…</source>
        <translation>在线瓦片地址（XYZ、WMTS）(&amp;T)…</translation>
    </message>
    <message>
        <source>Opacity</source>
        <translation>不透明度</translation>
    </message>
    <message>
        <source>Open basemap</source>
        <translation>打开底图</translation>
    </message>
    <message>
        <source>Tile files (*.mbtiles *.pmtiles *.gpkg);;All files (*)</source>
        <translation>瓦片文件 (*.mbtiles *.pmtiles *.gpkg);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Open tile folder</source>
        <translation>打开瓦片文件夹</translation>
    </message>
    <message>
        <source>&amp;Basemap</source>
        <translation>底图(&amp;B)</translation>
    </message>
    <message>
        <source>Basemap tiles are missing: {problem}</source>
        <translation>底图瓦片缺失：{problem}</translation>
    </message>
    <message>
        <source>The basemap&apos;s server is slow: {count} tiles still loading after {seconds} s</source>
        <translation>底图服务器响应缓慢：{count} 个瓦片在 {seconds} 秒后仍在加载</translation>
    </message>
</context>
<context>
    <name>BasemapUrlDialog</name>
    <message>
        <source>Online basemap</source>
        <translation>在线底图</translation>
    </message>
    <message>
        <source>Tile URL:</source>
        <translation>瓦片地址：</translation>
    </message>
    <message>
        <source>WGS84 (OpenStreetMap, Tianditu…)</source>
        <translation>WGS84（OpenStreetMap、天地图…）</translation>
    </message>
    <message>
        <source>GCJ-02 (Amap/Gaode, Tencent)</source>
        <translation>GCJ-02（高德、腾讯）</translation>
    </message>
    <message>
        <source>Tiles drawn in:</source>
        <translation>瓦片坐标系：</translation>
    </message>
    <message>
        <source>Tiles are fetched from the internet while this basemap is on. WMTS: paste a KVP GetTile URL (with your key); the tile matrix, row and column are filled in.</source>
        <translation>开启此底图时将从互联网获取瓦片。WMTS：请粘贴 KVP 方式的 GetTile 地址（含您的密钥），瓦片矩阵、行号和列号会自动填入。</translation>
    </message>
</context>
<context>
    <name>BookmarksPanel</name>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>Remember the current view as a bookmark</source>
        <translation>将当前视图保存为书签</translation>
    </message>
    <message>
        <source>Go to</source>
        <translation>转到</translation>
    </message>
    <message>
        <source>Show this bookmark&apos;s view (or double-click it)</source>
        <translation>显示此书签的视图（或双击书签）</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>重命名</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>View {number}</source>
        <translation>视图 {number}</translation>
    </message>
    <message>
        <source>Add bookmark “{name}”</source>
        <translation>添加书签“{name}”</translation>
    </message>
    <message>
        <source>Rename bookmark “{name}”</source>
        <translation>重命名书签“{name}”</translation>
    </message>
    <message>
        <source>Delete bookmark “{name}”</source>
        <translation>删除书签“{name}”</translation>
    </message>
    <message>
        <source>Bookmarks</source>
        <translation>书签</translation>
    </message>
</context>
<context>
    <name>ClassColours</name>
    <message>
        <source>(empty)</source>
        <translation>（空）</translation>
    </message>
    <message>
        <source>Class colours</source>
        <translation>分类颜色</translation>
    </message>
    <message>
        <source>Click a class to change its colour</source>
        <translation>单击一个分类以更改其颜色</translation>
    </message>
    <message>
        <source>Colour of “{name}”</source>
        <translation>“{name}”的颜色</translation>
    </message>
</context>
<context>
    <name>ClassEditor</name>
    <message>
        <source>Categories (one colour per value)</source>
        <translation>分类（每个值一种颜色）</translation>
    </message>
    <message>
        <source>Graduated (classes of a number)</source>
        <translation>分级（按数值分级）</translation>
    </message>
    <message>
        <source>Quantiles (equal count)</source>
        <translation>分位数（等数量）</translation>
    </message>
    <message>
        <source>Equal interval</source>
        <translation>等间距</translation>
    </message>
    <message>
        <source>Natural breaks (Jenks)</source>
        <translation>自然间断点（Jenks）</translation>
    </message>
    <message>
        <source>Yellow to red</source>
        <translation>黄到红</translation>
    </message>
    <message>
        <source>Blues</source>
        <translation>蓝色系</translation>
    </message>
    <message>
        <source>Greens</source>
        <translation>绿色系</translation>
    </message>
    <message>
        <source>Purples</source>
        <translation>紫色系</translation>
    </message>
    <message>
        <source>Yellow to blue</source>
        <translation>黄到蓝</translation>
    </message>
    <message>
        <source>Click a class to change its colour.</source>
        <translation>单击下方的分类以更改其颜色。</translation>
    </message>
    <message>
        <source>Classify as</source>
        <translation>分类方式</translation>
    </message>
    <message>
        <source>Scheme</source>
        <translation>分级方法</translation>
    </message>
    <message>
        <source>Classes</source>
        <translation>类别数</translation>
    </message>
    <message>
        <source>Colour ramp</source>
        <translation>色带</translation>
    </message>
</context>
<context>
    <name>ColourButton</name>
    <message>
        <source>None</source>
        <translation>无</translation>
    </message>
</context>
<context>
    <name>DistrictPanel</name>
    <message>
        <source>Digital economy</source>
        <translation>数字经济</translation>
    </message>
    <message>
        <source>Urban renewal</source>
        <translation>城市更新</translation>
    </message>
    <message>
        <source>Shares held by digital businesses</source>
        <translation>数字经济企业所占比重</translation>
    </message>
    <message>
        <source>{dates} · {sources}</source>
        <translation>{dates} · {sources}</translation>
    </message>
    <message>
        <source> and </source>
        <translation>、</translation>
    </message>
    <message>
        <source>Sources</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Area unknown: the district boundary is missing.</source>
        <translation>面积未知：缺少区界。</translation>
    </message>
    <message>
        <source>Area {square_km} km² ({hectares} ha), computed from the district boundary</source>
        <translation>面积 {square_km} 平方千米（{hectares} 公顷），由区界计算</translation>
    </message>
</context>
<context>
    <name>ExportActions</name>
    <message>
        <source>Export review notes</source>
        <translation>导出审查批注</translation>
    </message>
    <message>
        <source>GeoJSON (*.geojson)</source>
        <translation>GeoJSON (*.geojson)</translation>
    </message>
    <message>
        <source>CSV for Excel (*.csv)</source>
        <translation>CSV，可用 Excel 打开 (*.csv)</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n review note(s) to {path}</source>
        <translation>
            <numerusform>已将 %n 条审查批注导出至 {path}</numerusform>
        </translation>
    </message>
    <message>
        <source>Export HTML map</source>
        <translation>导出 HTML 地图</translation>
    </message>
    <message>
        <source>HTML map (*.html)</source>
        <translation>HTML 地图 (*.html)</translation>
    </message>
    <message>
        <source>Could not write {path}: {problem}</source>
        <translation>无法写入 {path}：{problem}</translation>
    </message>
    <message>
        <source>Exported {path}</source>
        <translation>已导出 {path}</translation>
    </message>
    <message>
        <source>Export image</source>
        <translation>导出图片</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG 图片 (*.png)</translation>
    </message>
    <message>
        <source>PDF document (*.pdf)</source>
        <translation>PDF 文档 (*.pdf)</translation>
    </message>
    <message>
        <source>Could not export {path}: {problem}</source>
        <translation>无法导出 {path}：{problem}</translation>
    </message>
</context>
<context>
    <name>ExportImageDialog</name>
    <message>
        <source>Export PDF map</source>
        <translation>导出 PDF 地图</translation>
    </message>
    <message>
        <source>Export PNG map</source>
        <translation>导出 PNG 地图</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Landscape</source>
        <translation>横向</translation>
    </message>
    <message>
        <source>Portrait</source>
        <translation>纵向</translation>
    </message>
    <message>
        <source> dpi</source>
        <translation> dpi</translation>
    </message>
    <message>
        <source>Paper</source>
        <translation>纸张</translation>
    </message>
    <message>
        <source>Orientation</source>
        <translation>方向</translation>
    </message>
    <message>
        <source>Basemap tiles, and a map of more than 50,000 features, are images at this resolution</source>
        <translation>底图瓦片，以及要素超过 50,000 个的地图，会以此分辨率输出为图像</translation>
    </message>
    <message>
        <source>pixels</source>
        <translation>像素</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>尺寸</translation>
    </message>
    <message>
        <source>Changing the resolution scales the size: the same picture, sharper</source>
        <translation>改变分辨率会按比例缩放尺寸：图面不变，更清晰</translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation>分辨率</translation>
    </message>
</context>
<context>
    <name>FactSheet</name>
    <message>
        <source>Attributes</source>
        <translation>属性</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Author</source>
        <translation>作者</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Site</source>
        <translation>地块</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>位置</translation>
    </message>
    <message>
        <source>Review note {number}</source>
        <translation>审查批注 {number}</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>批注</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>English name</source>
        <translation>英文名称</translation>
    </message>
    <message>
        <source>Chinese name</source>
        <translation>中文名称</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>图层</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>简介</translation>
    </message>
    <message>
        <source>Citation</source>
        <translation>引用</translation>
    </message>
    <message>
        <source>Facts</source>
        <translation>要素信息</translation>
    </message>
    <message>
        <source>Measured on the map</source>
        <translation>图上量算</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>定位</translation>
    </message>
    <message>
        <source>Sources</source>
        <translation>来源</translation>
    </message>
</context>
<context>
    <name>FactsPanel</name>
    <message>
        <source>Click a feature on the map to see its facts.</source>
        <translation>在地图上点击要素即可查看其信息。</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Copy the facts as tab-separated text</source>
        <translation>以制表符分隔的文本复制这些信息</translation>
    </message>
    <message>
        <source>Zoom to</source>
        <translation>缩放至</translation>
    </message>
    <message>
        <source>Zoom the map to this feature</source>
        <translation>将地图缩放至此要素</translation>
    </message>
    <message>
        <source>Add note…</source>
        <translation>添加批注…</translation>
    </message>
    <message>
        <source>Write a review note on this site</source>
        <translation>为此地块撰写审查批注</translation>
    </message>
    <message>
        <source>Mark resolved</source>
        <translation>标为已处理</translation>
    </message>
    <message>
        <source>Mark this note as dealt with</source>
        <translation>将此批注标为已处理</translation>
    </message>
    <message>
        <source>Reopen</source>
        <translation>重新打开</translation>
    </message>
    <message>
        <source>Mark this note as open again</source>
        <translation>将此批注重新标为未处理</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <source>Change this note&apos;s text, author, status or category</source>
        <translation>修改此批注的内容、作者、状态或类别</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Delete this note (asks first)</source>
        <translation>删除此批注（会先确认）</translation>
    </message>
    <message numerus="yes">
        <source>%n features here, topmost first:</source>
        <translation>
            <numerusform>此处有 %n 个要素，最上层的排在最前：</numerusform>
        </translation>
    </message>
    <message>
        <source>{name} — {layer}</source>
        <translation>{name} — {layer}</translation>
    </message>
    <message numerus="yes">
        <source>and %n more…</source>
        <translation>
            <numerusform>还有 %n 个…</numerusform>
        </translation>
    </message>
    <message>
        <source>Show the next ones; zooming in narrows the click</source>
        <translation>显示后面的要素；放大地图可缩小点击范围</translation>
    </message>
</context>
<context>
    <name>FeatureTableModel</name>
    <message>
        <source>(geometry type)</source>
        <translation>（几何类型）</translation>
    </message>
</context>
<context>
    <name>FileFormats</name>
    <message>
        <source>GeoJSON</source>
        <translation>GeoJSON</translation>
    </message>
    <message>
        <source>Shapefile</source>
        <translation>Shapefile</translation>
    </message>
    <message>
        <source>Zipped shapefiles</source>
        <translation>压缩的 Shapefile</translation>
    </message>
    <message>
        <source>GeoPackage</source>
        <translation>GeoPackage</translation>
    </message>
    <message>
        <source>KML</source>
        <translation>KML</translation>
    </message>
    <message>
        <source>KMZ (zipped KML)</source>
        <translation>KMZ（压缩的 KML）</translation>
    </message>
    <message>
        <source>FlatGeobuf</source>
        <translation>FlatGeobuf</translation>
    </message>
    <message>
        <source>GeoParquet</source>
        <translation>GeoParquet</translation>
    </message>
    <message>
        <source>CSV tables with coordinates or WKT</source>
        <translation>带坐标或 WKT 的 CSV 表格</translation>
    </message>
    <message>
        <source>Excel workbooks with coordinates</source>
        <translation>带坐标的 Excel 工作簿</translation>
    </message>
    <message>
        <source>GPX</source>
        <translation>GPX</translation>
    </message>
    <message>
        <source>GML</source>
        <translation>GML</translation>
    </message>
    <message>
        <source>MapInfo TAB</source>
        <translation>MapInfo TAB</translation>
    </message>
    <message>
        <source>MapInfo MIF</source>
        <translation>MapInfo MIF</translation>
    </message>
</context>
<context>
    <name>FileLoader</name>
    <message>
        <source>{file}: could not be read ({problem})</source>
        <translation>{file}：无法读取（{problem}）</translation>
    </message>
</context>
<context>
    <name>LayerCommands</name>
    <message>
        <source>Add “{title}”</source>
        <translation>添加“{title}”</translation>
    </message>
    <message>
        <source>Remove “{title}”</source>
        <translation>移除“{title}”</translation>
    </message>
    <message>
        <source>Move “{title}”</source>
        <translation>移动“{title}”</translation>
    </message>
    <message>
        <source>Change the style of “{title}”</source>
        <translation>修改“{title}”的样式</translation>
    </message>
    <message>
        <source>Show “{title}”</source>
        <translation>显示“{title}”</translation>
    </message>
    <message>
        <source>Hide “{title}”</source>
        <translation>隐藏“{title}”</translation>
    </message>
    <message>
        <source>Change the opacity of “{title}”</source>
        <translation>修改“{title}”的不透明度</translation>
    </message>
    <message>
        <source>Rename “{old}” to “{new}”</source>
        <translation>将“{old}”重命名为“{new}”</translation>
    </message>
    <message>
        <source>Reset “{title}”</source>
        <translation>重置“{title}”</translation>
    </message>
</context>
<context>
    <name>LayerEdits</name>
    <message>
        <source>Reset to the embedded map</source>
        <translation>恢复为内置地图</translation>
    </message>
    <message>
        <source>“{title}” could not be put back: {reason}</source>
        <translation>无法恢复“{title}”：{reason}</translation>
    </message>
</context>
<context>
    <name>LayerStyleEditor</name>
    <message>
        <source>Single colour</source>
        <translation>单一颜色</translation>
    </message>
    <message>
        <source>No label</source>
        <translation>无标注</translation>
    </message>
    <message>
        <source>Fill colour</source>
        <translation>填充颜色</translation>
    </message>
    <message>
        <source>Outline colour</source>
        <translation>轮廓颜色</translation>
    </message>
    <message>
        <source> px</source>
        <translation> 像素</translation>
    </message>
    <message>
        <source>Opacity</source>
        <translation>不透明度</translation>
    </message>
    <message>
        <source>Fill</source>
        <translation>填充</translation>
    </message>
    <message>
        <source>Fill opacity</source>
        <translation>填充不透明度</translation>
    </message>
    <message>
        <source>Outline</source>
        <translation>轮廓</translation>
    </message>
    <message>
        <source>Outline width</source>
        <translation>轮廓宽度</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>标注</translation>
    </message>
    <message>
        <source>Colour by</source>
        <translation>分类着色字段</translation>
    </message>
    <message>
        <source>Select a layer to edit its style</source>
        <translation>选择一个图层以编辑其样式</translation>
    </message>
    <message>
        <source>One colour for the whole layer</source>
        <translation>整个图层使用一种颜色</translation>
    </message>
    <message>
        <source>Choosing a fill colours the whole layer with it, in place of its classes</source>
        <translation>选择填充色后整个图层都用此颜色，取代其分类</translation>
    </message>
    <message>
        <source>The whole layer is now {colour}; its colours by “{field}” were set aside (Edit ▸ Undo brings them back).</source>
        <translation>整个图层现为 {colour}；按“{field}”的着色已撤下（编辑 ▸ 撤销可恢复）。</translation>
    </message>
    <message>
        <source>“{field}” has no numbers to classify.</source>
        <translation>“{field}”中没有可分级的数值。</translation>
    </message>
    <message>
        <source>“{field}” has too few different values for {asked} classes: {made}.</source>
        <translation>“{field}”的不同值太少，分不出 {asked} 级：只有 {made} 级。</translation>
    </message>
    <message>
        <source>“{field}” has {count} different values; colouring works for up to {most}.</source>
        <translation>“{field}”有 {count} 个不同的值；分类着色最多支持 {most} 个。</translation>
    </message>
</context>
<context>
    <name>LayersPanel</name>
    <message>
        <source>Move layer up</source>
        <translation>上移图层</translation>
    </message>
    <message>
        <source>Move layer down</source>
        <translation>下移图层</translation>
    </message>
    <message>
        <source>Zoom to layer</source>
        <translation>缩放至图层</translation>
    </message>
    <message>
        <source>Zoom to</source>
        <translation>缩放至</translation>
    </message>
    <message>
        <source>Open the attribute table</source>
        <translation>打开属性表</translation>
    </message>
    <message>
        <source>Table</source>
        <translation>属性表</translation>
    </message>
    <message>
        <source>Remove layer…</source>
        <translation>移除图层…</translation>
    </message>
    <message>
        <source>Remove layer</source>
        <translation>移除图层</translation>
    </message>
    <message>
        <source>Remove “{layer}” from the map?
The file on disk is not touched.</source>
        <translation>从地图中移除“{layer}”吗？
磁盘上的文件不会被改动。</translation>
    </message>
    <message>
        <source>Rename layer</source>
        <translation>重命名图层</translation>
    </message>
    <message>
        <source>Title of the layer:</source>
        <translation>图层标题：</translation>
    </message>
    <message numerus="yes">
        <source>{title}
%Ln feature(s) ({geometry})</source>
        <translation>
            <numerusform>{title}
%Ln 个要素（{geometry}）</numerusform>
        </translation>
    </message>
    <message>
        <source>Class colour</source>
        <translation>类别颜色</translation>
    </message>
    <message>
        <source>Open attribute table</source>
        <translation>打开属性表</translation>
    </message>
    <message>
        <source>Move up</source>
        <translation>上移</translation>
    </message>
    <message>
        <source>Move down</source>
        <translation>下移</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>重命名…</translation>
    </message>
</context>
<context>
    <name>LoadWarnings</name>
    <message numerus="yes">
        <source>and %Ln more, listed in the log</source>
        <translation>
            <numerusform>另有 %Ln 条，记录在日志中</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Yangpu GIS</source>
        <translation>杨浦 GIS</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>图层</translation>
    </message>
    <message>
        <source>Facts</source>
        <translation>要素信息</translation>
    </message>
    <message>
        <source>Yangpu District</source>
        <translation>杨浦区</translation>
    </message>
    <message>
        <source>Attribute table</source>
        <translation>属性表</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>&amp;Open data…</source>
        <translation>打开数据(&amp;O)…</translation>
    </message>
    <message>
        <source>Add GeoJSON, Shapefile, GeoPackage, KML, CSV… as layers</source>
        <translation>将 GeoJSON、Shapefile、GeoPackage、KML、CSV 等文件添加为图层</translation>
    </message>
    <message>
        <source>&amp;New project</source>
        <translation>新建项目(&amp;N)</translation>
    </message>
    <message>
        <source>Open &amp;project…</source>
        <translation>打开项目(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Save project</source>
        <translation>保存项目(&amp;S)</translation>
    </message>
    <message>
        <source>Save project &amp;as…</source>
        <translation>项目另存为(&amp;A)…</translation>
    </message>
    <message>
        <source>Export &amp;HTML map…</source>
        <translation>导出 HTML 地图(&amp;H)…</translation>
    </message>
    <message>
        <source>Export &amp;image (PNG/PDF)…</source>
        <translation>导出图片（PNG/PDF）(&amp;I)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>Zoom to &amp;Yangpu</source>
        <translation>缩放至杨浦区(&amp;Y)</translation>
    </message>
    <message>
        <source>Zoom to &amp;selection</source>
        <translation>缩放至所选要素(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Back</source>
        <translation>上一视图(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Forward</source>
        <translation>下一视图(&amp;F)</translation>
    </message>
    <message>
        <source>Zoom &amp;in</source>
        <translation>放大(&amp;I)</translation>
    </message>
    <message>
        <source>Zoom &amp;out</source>
        <translation>缩小(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Browse and identify</source>
        <translation>浏览与标识要素(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Zoom to box</source>
        <translation>拉框放大(&amp;Z)</translation>
    </message>
    <message>
        <source>Measure &amp;distance</source>
        <translation>量测距离(&amp;D)</translation>
    </message>
    <message>
        <source>Measure &amp;area</source>
        <translation>量测面积(&amp;A)</translation>
    </message>
    <message>
        <source>Add review &amp;note</source>
        <translation>添加审查批注(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Select features</source>
        <translation>选择要素(&amp;S)</translation>
    </message>
    <message>
        <source>Select by &amp;polygon</source>
        <translation>按多边形选择(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;About Yangpu GIS</source>
        <translation>关于杨浦 GIS(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Find site…</source>
        <translation>查找地块(&amp;F)…</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <source>Export review n&amp;otes…</source>
        <translation>导出审查批注(&amp;O)…</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>工具(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Map</source>
        <translation>地图</translation>
    </message>
    <message>
        <source>Search sites (English or 中文)</source>
        <translation>搜索地块（中文或英文）</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Yangpu</source>
        <translation>杨浦全图</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>放大</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>缩小</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>后退</translation>
    </message>
    <message>
        <source>Forward</source>
        <translation>前进</translation>
    </message>
    <message>
        <source>Identify</source>
        <translation>识别</translation>
    </message>
    <message>
        <source>Zoom box</source>
        <translation>拉框缩放</translation>
    </message>
    <message>
        <source>Distance</source>
        <translation>测距</translation>
    </message>
    <message>
        <source>Area</source>
        <translation>测面积</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>批注</translation>
    </message>
    <message>
        <source>Select</source>
        <translation>选择</translation>
    </message>
    <message>
        <source>Polygon</source>
        <translation>多边形</translation>
    </message>
    <message>
        <source>Rendering…</source>
        <translation>正在绘制…</translation>
    </message>
    <message>
        <source>Drawn in {ms} ms</source>
        <translation>绘制用时 {ms} 毫秒</translation>
    </message>
    <message>
        <source>Yangpu GIS project ({patterns})</source>
        <translation>杨浦 GIS 项目 ({patterns})</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Layer</source>
        <translation>图层(&amp;L)</translation>
    </message>
    <message>
        <source>Add &amp;embedded layer</source>
        <translation>添加内置图层(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Reset to the embedded map</source>
        <translation>恢复为内置地图(&amp;R)</translation>
    </message>
    <message>
        <source>Put every embedded layer back, looking as shipped; your own layers stay</source>
        <translation>将所有内置图层恢复为出厂样式；您自己的图层保持不变</translation>
    </message>
    <message>
        <source>Re&amp;name layer…</source>
        <translation>重命名图层(&amp;N)…</translation>
    </message>
    <message>
        <source>Re&amp;move layer…</source>
        <translation>移除图层(&amp;M)…</translation>
    </message>
    <message>
        <source>Every embedded layer is on the map</source>
        <translation>所有内置图层都已在地图上</translation>
    </message>
    <message>
        <source>Open &amp;recent file</source>
        <translation>最近打开的文件(&amp;R)</translation>
    </message>
    <message>
        <source>Open recent pro&amp;ject</source>
        <translation>最近打开的项目(&amp;J)</translation>
    </message>
    <message>
        <source>No recent files</source>
        <translation>无最近打开的文件</translation>
    </message>
    <message>
        <source>No recent projects</source>
        <translation>无最近打开的项目</translation>
    </message>
</context>
<context>
    <name>MapCanvas</name>
    <message>
        <source>Rendering…</source>
        <translation>正在绘制…</translation>
    </message>
    <message>
        <source>Could not draw the map</source>
        <translation>无法绘制地图</translation>
    </message>
    <message>
        <source>Identify here</source>
        <translation>标识此处要素</translation>
    </message>
    <message>
        <source>Zoom in here</source>
        <translation>在此处放大</translation>
    </message>
    <message>
        <source>Copy coordinates</source>
        <translation>复制坐标</translation>
    </message>
</context>
<context>
    <name>MapTools</name>
    <message>
        <source>{hectares} ({square_metres})</source>
        <translation>{hectares}（{square_metres}）</translation>
    </message>
</context>
<context>
    <name>MessageBar</name>
    <message>
        <source>Dismiss</source>
        <translation>关闭</translation>
    </message>
    <message numerus="yes">
        <source>%n files could not be opened:</source>
        <translation>
            <numerusform>%n 个文件无法打开：</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ModelMessages</name>
    <message>
        <source>{path}: no such file</source>
        <translation>{path}：文件不存在</translation>
    </message>
    <message>
        <source>{path}: cannot be opened ({reason})</source>
        <translation>{path}：无法打开（{reason}）</translation>
    </message>
    <message>
        <source>{path}: is a folder, not a file</source>
        <translation>{path}：这是文件夹，不是文件</translation>
    </message>
    <message>
        <source>{path}: is {kind}, not a data file; it was not opened</source>
        <translation>{path}：这是{kind}，不是数据文件，未打开</translation>
    </message>
    <message>
        <source>a named pipe (FIFO)</source>
        <translation>命名管道（FIFO）</translation>
    </message>
    <message>
        <source>a socket</source>
        <translation>套接字</translation>
    </message>
    <message>
        <source>a device</source>
        <translation>设备文件</translation>
    </message>
    <message>
        <source>{name}: the file is empty (0 bytes)</source>
        <translation>{name}：文件是空的（0 字节）</translation>
    </message>
    <message>
        <source>(no extension)</source>
        <translation>（无扩展名）</translation>
    </message>
    <message>
        <source>{name}: not a {format} file (it is damaged, or another kind of file renamed)</source>
        <translation>{name}：不是 {format} 文件（文件已损坏，或是改了扩展名的其他文件）</translation>
    </message>
    <message>
        <source>{name}: not a {format} file (its content is not {format})</source>
        <translation>{name}：不是 {format} 文件（内容不是 {format}）</translation>
    </message>
    <message>
        <source>{name}: cannot be read as {format}, the file is damaged or truncated ({detail})</source>
        <translation>{name}：无法按 {format} 读取，文件已损坏或不完整（{detail}）</translation>
    </message>
    <message>
        <source>{name}: not a valid ZIP archive (damaged or truncated)</source>
        <translation>{name}：不是有效的 ZIP 压缩包（已损坏或不完整）</translation>
    </message>
    <message>
        <source>{name}: the file holds no layers with geometry</source>
        <translation>{name}：文件中没有含几何的图层</translation>
    </message>
    <message>
        <source>{name}: the text is neither UTF-8 nor GBK/GB18030</source>
        <translation>{name}：文本既不是 UTF-8 也不是 GBK/GB18030 编码</translation>
    </message>
    <message>
        <source>{name}: not a {format} file (it is {what})</source>
        <translation>{name}：不是 {format} 文件（它是 {what}）</translation>
    </message>
    <message>
        <source>{name}: not a {format} file (it does not start with {start})</source>
        <translation>{name}：不是 {format} 文件（开头不是 {start}）</translation>
    </message>
    <message>
        <source>{name}: is one part of a shapefile; open {stem}.shp (kept next to its .shx and .dbf)</source>
        <translation>{name}：这只是 Shapefile 的一部分；请打开 {stem}.shp（与其 .shx 和 .dbf 放在同一文件夹）</translation>
    </message>
    <message>
        <source>{name}: cannot be read as {format} ({detail})</source>
        <translation>{name}：无法按 {format} 读取（{detail}）</translation>
    </message>
    <message>
        <source>{name}: has no layer {layer} (its layers: {names})</source>
        <translation>{name}：没有图层 {layer}（其图层：{names}）</translation>
    </message>
    <message>
        <source>{name}: the file holds no features</source>
        <translation>{name}：文件中没有要素</translation>
    </message>
    <message>
        <source>{name}: no feature has a usable geometry ({reasons})</source>
        <translation>{name}：没有一个要素的几何可用（{reasons}）</translation>
    </message>
    <message>
        <source>{name}: its text is not in the encoding the file declares ({detail})</source>
        <translation>{name}：文本与文件声明的编码不符（{detail}）</translation>
    </message>
    <message>
        <source>{name}: reading {what} did not finish within {seconds} s (a view defined by an endless query?); the file was not opened</source>
        <translation>{name}：读取{what}在 {seconds} 秒内未完成（可能是由无尽查询定义的视图）；文件未打开</translation>
    </message>
    <message>
        <source>its list of tables (gpkg_contents)</source>
        <translation>其数据表清单（gpkg_contents）</translation>
    </message>
    <message>
        <source>its geometry columns (gpkg_geometry_columns)</source>
        <translation>其几何列登记（gpkg_geometry_columns）</translation>
    </message>
    <message>
        <source>its table or view {table}</source>
        <translation>其数据表或视图 {table}</translation>
    </message>
    <message>
        <source>{name}: a plain Parquet table, not GeoParquet (no geometry metadata)</source>
        <translation>{name}：这是普通 Parquet 表，不是 GeoParquet（没有几何元数据）</translation>
    </message>
    <message>
        <source>{name}: its GeoParquet metadata is damaged</source>
        <translation>{name}：其 GeoParquet 元数据已损坏</translation>
    </message>
    <message>
        <source>{name}: its CRS cannot be understood ({detail})</source>
        <translation>{name}：无法识别其坐标系（{detail}）</translation>
    </message>
    <message>
        <source>{name}: cannot be read as an Excel workbook, the file is damaged ({detail})</source>
        <translation>{name}：无法按 Excel 工作簿读取，文件已损坏（{detail}）</translation>
    </message>
    <message>
        <source>{name}: its .shx index file is missing; a shapefile needs its .shp, .shx and .dbf files side by side</source>
        <translation>{name}：缺少 .shx 索引文件；Shapefile 需要 .shp、.shx 和 .dbf 文件放在同一文件夹</translation>
    </message>
    <message>
        <source>a PNG image</source>
        <translation>PNG 图片</translation>
    </message>
    <message>
        <source>a JPEG image</source>
        <translation>JPEG 图片</translation>
    </message>
    <message>
        <source>a GIF image</source>
        <translation>GIF 图片</translation>
    </message>
    <message>
        <source>a TIFF image (raster data cannot be opened)</source>
        <translation>TIFF 图像（无法打开栅格数据）</translation>
    </message>
    <message>
        <source>a PDF document</source>
        <translation>PDF 文档</translation>
    </message>
    <message>
        <source>an old-style Office document (.doc/.xls)</source>
        <translation>Office 旧版文档（.doc/.xls）</translation>
    </message>
    <message>
        <source>a ZIP archive (Word and Excel files are ZIP archives too)</source>
        <translation>ZIP 压缩包（Word 和 Excel 文件也是 ZIP 压缩包）</translation>
    </message>
    <message>
        <source>an empty ZIP archive</source>
        <translation>ZIP 空压缩包</translation>
    </message>
    <message>
        <source>a RAR archive (unpack it first)</source>
        <translation>RAR 压缩包（请先解压）</translation>
    </message>
    <message>
        <source>a 7-Zip archive (unpack it first)</source>
        <translation>7-Zip 压缩包（请先解压）</translation>
    </message>
    <message>
        <source>a gzip archive (unpack it first)</source>
        <translation>gzip 压缩包（请先解压）</translation>
    </message>
    <message>
        <source>an SQLite database</source>
        <translation>SQLite 数据库</translation>
    </message>
    <message>
        <source>a Parquet file</source>
        <translation>Parquet 文件</translation>
    </message>
    <message>
        <source>a FlatGeobuf file</source>
        <translation>FlatGeobuf 文件</translation>
    </message>
    <message>
        <source>a shapefile .shp</source>
        <translation>Shapefile 的 .shp 文件</translation>
    </message>
    <message>
        <source>left out empty layer(s): {layers}</source>
        <translation>未载入空图层：{layers}</translation>
    </message>
    <message>
        <source>the layer has no features</source>
        <translation>该图层没有要素</translation>
    </message>
    <message>
        <source>{count} of the skipped geometries are of a kind that cannot be read (curves, or damaged)</source>
        <translation>跳过的几何中有 {count} 个属于无法读取的类型（曲线或已损坏）</translation>
    </message>
    <message>
        <source>column names suggest {datum} coordinates: declare {declare} if so</source>
        <translation>列名显示可能是 {datum} 坐标：如果是，请指定 {declare}</translation>
    </message>
    <message>
        <source>skipped {count} feature with a missing, empty or non-numeric geometry</source>
        <translation>跳过了 {count} 个几何缺失、为空或非数值的要素</translation>
    </message>
    <message>
        <source>skipped {count} features with a missing, empty or non-numeric geometry</source>
        <translation>跳过了 {count} 个几何缺失、为空或非数值的要素</translation>
    </message>
    <message>
        <source>repaired {count} invalid geometry{first}</source>
        <translation>修复了 {count} 个无效几何{first}</translation>
    </message>
    <message>
        <source>repaired {count} invalid geometries{first}</source>
        <translation>修复了 {count} 个无效几何{first}</translation>
    </message>
    <message>
        <source> (first: {reason})</source>
        <translation>（第一个：{reason}）</translation>
    </message>
    <message>
        <source>skipped {count} feature with no area left after repair</source>
        <translation>跳过了 {count} 个修复后面积为零的要素</translation>
    </message>
    <message>
        <source>skipped {count} features with no area left after repair</source>
        <translation>跳过了 {count} 个修复后面积为零的要素</translation>
    </message>
    <message>
        <source>mixed geometry types: {kinds}</source>
        <translation>几何类型混杂：{kinds}</translation>
    </message>
    <message>
        <source>no .dbf file: the features have no attributes</source>
        <translation>没有 .dbf 文件：要素没有属性</translation>
    </message>
    <message>
        <source>.shp file is truncated (shorter than its header says): features past the cut are lost</source>
        <translation>.shp 文件不完整（比文件头所述短）：截断处之后的要素已丢失</translation>
    </message>
    <message>
        <source>.dbf file is too short to hold a header: the attributes cannot be read</source>
        <translation>.dbf 文件太短，连文件头都不完整：无法读取属性</translation>
    </message>
    <message>
        <source>the .shp holds {shapes} shapes but its .shx index only {indexed}: {left} shapes past the index are left out</source>
        <translation>.shp 中有 {shapes} 个形状，但其 .shx 索引只有 {indexed} 个：索引之外的 {left} 个形状未载入</translation>
    </message>
    <message>
        <source>the .shp/.shx hold {shapes} shapes but the .dbf {rows} attribute rows: only {matched} features can be matched, the rest are left out</source>
        <translation>.shp/.shx 中有 {shapes} 个形状，而 .dbf 中有 {rows} 行属性：只能对应 {matched} 个要素，其余未载入</translation>
    </message>
    <message>
        <source>skipped {count} malformed line(s) with the wrong number of cells</source>
        <translation>跳过了 {count} 行单元格数目不对的格式错误行</translation>
    </message>
    <message>
        <source>skipped {count} row(s) without numeric coordinates (line {lines})</source>
        <translation>跳过了 {count} 行没有数值坐标的记录（第 {lines} 行）</translation>
    </message>
    <message>
        <source>skipped {count} row(s) whose WKT is empty or unreadable (line {lines})</source>
        <translation>跳过了 {count} 行 WKT 为空或无法读取的记录（第 {lines} 行）</translation>
    </message>
    <message>
        <source>ignored the extra geometry column(s) {columns}</source>
        <translation>忽略了多余的几何列 {columns}</translation>
    </message>
    <message>
        <source>{name}: too large to load into memory</source>
        <translation>{name}：文件太大，内存装不下</translation>
    </message>
    <message>
        <source>{name}: needs about {needed} of memory to open, and {available} is free; close other programs or open a smaller extract</source>
        <translation>{name}：打开需要约 {needed} 内存，当前可用 {available}；请关闭其他程序，或打开较小的数据范围</translation>
    </message>
    <message>
        <source>{name}: refused, its {members} member(s) would inflate {packed} to {inflated} (a damaged or malicious archive)</source>
        <translation>{name}：已拒绝打开，其中 {members} 个成员会把 {packed} 解压成 {inflated}（压缩包已损坏或是恶意文件）</translation>
    </message>
    <message>
        <source>{name}: refused, its member {member} declares {declared} but inflates to more than {inflated} (a damaged or malicious archive)</source>
        <translation>{name}：已拒绝打开，其中成员 {member} 声明大小为 {declared}，实际解压超过 {inflated}（压缩包已损坏或是恶意文件）</translation>
    </message>
    <message>
        <source>{name}: cannot convert from {crs} to WGS84 ({detail})</source>
        <translation>{name}：无法从 {crs} 转换为 WGS84（{detail}）</translation>
    </message>
    <message>
        <source>unknown CRS {crs}: give EPSG:n (e.g. EPSG:4549), gcj02 or bd09</source>
        <translation>未知坐标系 {crs}：请填写 EPSG:n（例如 EPSG:4549）、gcj02 或 bd09</translation>
    </message>
    <message>
        <source>its y values reach {reach}, beyond 90 (longitude and latitude swapped?)</source>
        <translation>其 y 值达到 {reach}，超过 90（经纬度是否颠倒？）</translation>
    </message>
    <message>
        <source>its coordinates reach {reach} (projected metres?)</source>
        <translation>其坐标值达到 {reach}（是以米为单位的投影坐标吗？）</translation>
    </message>
    <message>
        <source>{name}: {declared} is longitude/latitude, but the file is in the projected {crs}; declare that CRS or none</source>
        <translation>{name}：{declared} 是经纬度坐标，但文件使用投影坐标系 {crs}；请指定该坐标系，或不指定</translation>
    </message>
    <message>
        <source>{name}: {problem}, so it cannot be {declared}, which is longitude/latitude; declare the right CRS, {examples}</source>
        <translation>{name}：{problem}，因此不可能是经纬度坐标系 {declared}；请指定正确的坐标系，{examples}</translation>
    </message>
    <message>
        <source>{name}: {problem}, but {crs} needs longitude/latitude; declare the file&apos;s real CRS, {examples}</source>
        <translation>{name}：{problem}，但 {crs} 要求经纬度坐标；请指定文件实际使用的坐标系，{examples}</translation>
    </message>
    <message>
        <source>{name}: its coordinates do not fit {crs}; declare the right CRS, {examples}</source>
        <translation>{name}：其坐标与 {crs} 不符；请指定正确的坐标系，{examples}</translation>
    </message>
    <message>
        <source>the file says {file_crs}; read as {declared} as declared</source>
        <translation>文件注明的是 {file_crs}；已按指定的 {declared} 读取</translation>
    </message>
    <message>
        <source>no CRS given: coordinates taken as WGS84 longitude/latitude (declare gcj02 or bd09 for coordinates from Amap or Baidu maps)</source>
        <translation>未指定坐标系：坐标按 WGS84 经纬度读取（来自高德或百度地图的坐标请指定 gcj02 或 bd09）</translation>
    </message>
    <message>
        <source>the data lies outside the area where {crs} is used ({area}); check that this is the right CRS</source>
        <translation>数据位于 {crs} 的适用范围（{area}）之外；请检查坐标系是否正确</translation>
    </message>
    <message>
        <source>opening {name}</source>
        <translation>正在打开 {name}</translation>
    </message>
    <message>
        <source>loaded {name}</source>
        <translation>已载入 {name}</translation>
    </message>
    <message>
        <source>checking geometries</source>
        <translation>正在检查几何</translation>
    </message>
    <message>
        <source>converting to WGS84</source>
        <translation>正在转换为 WGS84</translation>
    </message>
    <message>
        <source>{count} features ready</source>
        <translation>{count} 个要素已就绪</translation>
    </message>
    <message>
        <source>read {done} of {total} features</source>
        <translation>已读取 {done} / {total} 个要素</translation>
    </message>
    <message>
        <source>read {count} features</source>
        <translation>已读取 {count} 个要素</translation>
    </message>
    <message>
        <source>reading {count} features</source>
        <translation>正在读取 {count} 个要素</translation>
    </message>
    <message>
        <source>reading {format}</source>
        <translation>正在读取 {format}</translation>
    </message>
    <message>
        <source>preparing {name} for drawing</source>
        <translation>正在准备绘制 {name}</translation>
    </message>
    <message>
        <source>read {count} rows</source>
        <translation>已读取 {count} 行</translation>
    </message>
    <message>
        <source>reading sheet {sheet}</source>
        <translation>正在读取工作表 {sheet}</translation>
    </message>
    <message>
        <source>Shapefile (zipped)</source>
        <translation>压缩的 Shapefile</translation>
    </message>
    <message>
        <source>Excel workbook</source>
        <translation>Excel 工作簿</translation>
    </message>
    <message>
        <source>{format} {suffixes}</source>
        <translation>{format} {suffixes}</translation>
    </message>
    <message>
        <source>{name}: cannot be read ({reason})</source>
        <translation>{name}：无法读取（{reason}）</translation>
    </message>
    <message>
        <source>{name}: is {kind}, not a project file</source>
        <translation>{name}：这是{kind}，不是工程文件</translation>
    </message>
    <message>
        <source>{name}: is a folder, not a project file</source>
        <translation>{name}：这是文件夹，不是工程文件</translation>
    </message>
    <message>
        <source>{name}: {size} MB is too big for a project file (at most {limit} MB)</source>
        <translation>{name}：{size} MB，作为工程文件太大（最多 {limit} MB）</translation>
    </message>
    <message>
        <source>{name}: not a readable project file ({problem})</source>
        <translation>{name}：不是可读取的工程文件（{problem}）</translation>
    </message>
    <message>
        <source>{name}: not a Yangpu GIS project file</source>
        <translation>{name}：不是杨浦 GIS 工程文件</translation>
    </message>
    <message>
        <source>{name}: nested too deeply to be a project file</source>
        <translation>{name}：嵌套层级过深，不是工程文件</translation>
    </message>
    <message>
        <source>{name}: damaged project file (its “version” is {version})</source>
        <translation>{name}：工程文件已损坏（其“version”为 {version}）</translation>
    </message>
    <message>
        <source>{name}: damaged project file (its “layers” are not a list)</source>
        <translation>{name}：工程文件已损坏（其“layers”不是列表）</translation>
    </message>
    <message>
        <source>{name} was written by a newer Yangpu GIS (project format version {version}; this one reads version {current}): what this version does not know is kept and saved back, but not shown</source>
        <translation>{name} 由较新版本的 Yangpu GIS 保存（工程格式版本 {version}；本版本读取版本 {current}）：本版本不认识的内容会保留并原样存回，但不显示</translation>
    </message>
    <message>
        <source>{name}: the saved view {view} was not usable</source>
        <translation>{name}：保存的视图范围 {view} 不可用</translation>
    </message>
    <message>
        <source>{name}: the saved window layout was not usable</source>
        <translation>{name}：保存的窗口布局不可用</translation>
    </message>
    <message>
        <source>{name}: the saved look of the review notes was not usable ({problem}); they are shown as usual</source>
        <translation>{name}：保存的审查批注样式不可用（{problem}）；批注按默认样式显示</translation>
    </message>
    <message>
        <source>its “{field}” must be text, not {value}</source>
        <translation>其“{field}”应为文本，而不是 {value}</translation>
    </message>
    <message>
        <source>it is not an object ({value})</source>
        <translation>它不是对象（{value}）</translation>
    </message>
    <message>
        <source>its “visible” must be true or false, not {value}</source>
        <translation>其“visible”应为 true 或 false，而不是 {value}</translation>
    </message>
    <message>
        <source>its “opacity” must be a number from 0 to 1, not {value}</source>
        <translation>其“opacity”应为 0 到 1 之间的数，而不是 {value}</translation>
    </message>
    <message>
        <source>its “style” must be an object, not {value}</source>
        <translation>其“style”应为对象，而不是 {value}</translation>
    </message>
    <message>
        <source>its “style” is not usable ({problem})</source>
        <translation>其“style”不可用（{problem}）</translation>
    </message>
    <message>
        <source>an extent has four numbers</source>
        <translation>范围应由四个数组成</translation>
    </message>
    <message>
        <source>an extent runs from its minimum to its maximum</source>
        <translation>范围应从最小值到最大值</translation>
    </message>
    <message>
        <source>{name}: the saved bookmarks were not a list and were left out</source>
        <translation>{name}：保存的书签不是列表，未载入</translation>
    </message>
    <message>
        <source>{name}: bookmark {number} was left out: {problem}</source>
        <translation>{name}：第 {number} 个书签未载入：{problem}</translation>
    </message>
    <message>
        <source>it is not a name and an extent</source>
        <translation>它不是名称加范围</translation>
    </message>
    <message>
        <source>it has no name</source>
        <translation>它没有名称</translation>
    </message>
    <message>
        <source>cannot connect to the database {database}: {problem}</source>
        <translation>无法连接数据库 {database}：{problem}</translation>
    </message>
    <message>
        <source>the database has no PostGIS (no geometry_columns view)</source>
        <translation>该数据库没有安装 PostGIS（没有 geometry_columns 视图）</translation>
    </message>
    <message>
        <source>{database}: there is no geometry table {table}</source>
        <translation>{database}：没有名为 {table} 的几何表</translation>
    </message>
    <message>
        <source>{table}: its geometry column has no SRID (CRS unknown)</source>
        <translation>{table}：几何列没有 SRID（坐标系未知）</translation>
    </message>
    <message>
        <source>{address} is not a postgresql:// address</source>
        <translation>{address} 不是 postgresql:// 地址</translation>
    </message>
    <message>
        <source>the notes file {path} was changed by another program: its {table} table is gone</source>
        <translation>批注文件 {path} 已被其他程序改动：其中的 {table} 表不见了</translation>
    </message>
    <message>
        <source>it is locked: another program is using the notes file, try again in a moment</source>
        <translation>文件被锁定：另一个程序正在使用批注文件，请稍后再试</translation>
    </message>
    <message>
        <source>no new row</source>
        <translation>没有写入新行</translation>
    </message>
    <message>
        <source>the notes file {path} cannot be read ({problem}) and could not be set aside: {reason}</source>
        <translation>批注文件 {path} 无法读取（{problem}），也无法移到一旁：{reason}</translation>
    </message>
    <message>
        <source>The notes file {path} could not be read ({problem}). It was kept as {kept} and a new, empty notes file was started.</source>
        <translation>批注文件 {path} 无法读取（{problem}）。原文件已保留为 {kept}，并新建了一个空的批注文件。</translation>
    </message>
    <message>
        <source>file is not a database: it has no SQLite header</source>
        <translation>文件不是数据库：没有 SQLite 文件头</translation>
    </message>
    <message>
        <source>integrity check failed: {check}</source>
        <translation>完整性检查未通过：{check}</translation>
    </message>
    <message>
        <source>it is not a notes GeoPackage: no {tables} table</source>
        <translation>这不是批注 GeoPackage：没有 {tables} 表</translation>
    </message>
    <message>
        <source>its notes table lacks the {columns} column(s)</source>
        <translation>其批注表缺少 {columns} 列</translation>
    </message>
    <message>
        <source>its notes geometry column is not registered</source>
        <translation>其批注几何列未登记</translation>
    </message>
    <message>
        <source>note {id} was skipped: its location cannot be read ({problem})</source>
        <translation>已跳过批注 {id}：无法读取其位置（{problem}）</translation>
    </message>
    <message>
        <source>note {id} is damaged in {path}: its location cannot be read</source>
        <translation>{path} 中的批注 {id} 已损坏：无法读取其位置</translation>
    </message>
    <message>
        <source>cannot write {path}: {reason}</source>
        <translation>无法写入 {path}：{reason}</translation>
    </message>
    <message>
        <source>cannot connect to the notes database {path}: {problem}</source>
        <translation>无法连接批注数据库 {path}：{problem}</translation>
    </message>
    <message>
        <source>cannot use the notes database {path}: {problem}</source>
        <translation>无法使用批注数据库 {path}：{problem}</translation>
    </message>
    <message>
        <source>another planner is saving this note: try again in a moment</source>
        <translation>另一位规划师正在保存这条批注：请稍后再试</translation>
    </message>
    <message>
        <source>basemap datum {datum}: choose wgs84 or gcj02</source>
        <translation>底图坐标基准 {datum}：请选择 wgs84 或 gcj02</translation>
    </message>
    <message>
        <source>the saved basemap has no source</source>
        <translation>保存的底图没有来源</translation>
    </message>
    <message>
        <source>no basemap source given</source>
        <translation>未给出底图来源</translation>
    </message>
    <message>
        <source>{source}: a tile URL needs {{z}}, {{x}} and {{y}} placeholders (or a WMTS GetTile URL)</source>
        <translation>{source}：瓦片 URL 需要 {{z}}、{{x}} 和 {{y}} 占位符（或使用 WMTS GetTile URL）</translation>
    </message>
    <message>
        <source>{path}: no such basemap file</source>
        <translation>{path}：底图文件不存在</translation>
    </message>
    <message>
        <source>{name}: not a tile database ({problem})</source>
        <translation>{name}：不是瓦片数据库（{problem}）</translation>
    </message>
    <message>
        <source>{name}: not an MBTiles file (no tiles table)</source>
        <translation>{name}：不是 MBTiles 文件（没有 tiles 表）</translation>
    </message>
    <message>
        <source>{name}: the MBTiles has no tiles</source>
        <translation>{name}：该 MBTiles 中没有瓦片</translation>
    </message>
    <message>
        <source>{name}: the GeoPackage holds no tiles</source>
        <translation>{name}：该 GeoPackage 中没有瓦片</translation>
    </message>
    <message>
        <source>{name}: its tiles are not in Web Mercator (EPSG:3857)</source>
        <translation>{name}：其瓦片不是 Web 墨卡托投影（EPSG:3857）</translation>
    </message>
    <message>
        <source>{name}: cannot read its tile table {table}</source>
        <translation>{name}：无法读取其瓦片表 {table}</translation>
    </message>
    <message>
        <source>{name}: its tiles are not on the Web Mercator tile grid</source>
        <translation>{name}：其瓦片不在 Web 墨卡托瓦片网格上</translation>
    </message>
    <message>
        <source>{name}: the GeoPackage tile pyramid has no zoom levels</source>
        <translation>{name}：该 GeoPackage 瓦片金字塔没有缩放级别</translation>
    </message>
    <message>
        <source>{path}: cannot open ({reason})</source>
        <translation>{path}：无法打开（{reason}）</translation>
    </message>
    <message>
        <source>{name}: not a PMTiles v3 file ({problem})</source>
        <translation>{name}：不是 PMTiles v3 文件（{problem}）</translation>
    </message>
    <message>
        <source>{name}: its tiles are compressed with {compression}</source>
        <translation>{name}：其瓦片使用 {compression} 压缩，无法读取</translation>
    </message>
    <message>
        <source>{name}: its {kind} tiles cannot be drawn</source>
        <translation>{name}：无法绘制其 {kind} 瓦片</translation>
    </message>
    <message>
        <source>{path}: no such basemap file or folder</source>
        <translation>{path}：底图文件或文件夹不存在</translation>
    </message>
    <message>
        <source>{path}: not a tile folder (no {{z}}/{{x}}/{{y}} files in it)</source>
        <translation>{path}：不是瓦片文件夹（其中没有 {{z}}/{{x}}/{{y}} 文件）</translation>
    </message>
    <message>
        <source>{path}: its tile folders hold no image or vector tiles</source>
        <translation>{path}：其瓦片文件夹中没有图片或矢量瓦片</translation>
    </message>
    <message>
        <source>{path}: not a basemap (use .mbtiles, .pmtiles, .gpkg, a tile folder or a URL)</source>
        <translation>{path}：不是底图（请使用 .mbtiles、.pmtiles、.gpkg、瓦片文件夹或 URL）</translation>
    </message>
    <message>
        <source>{table}: the database connection was lost ({problem})</source>
        <translation>{table}：与数据库的连接已断开（{problem}）</translation>
    </message>
    <message>
        <source>{database}: the database asks for a password ({problem})</source>
        <translation>{database}：数据库要求输入密码（{problem}）</translation>
    </message>
    <message>
        <source>{table}: cannot read the table ({problem})</source>
        <translation>{table}：无法读取该表（{problem}）</translation>
    </message>
    <message>
        <source>{table}: its CRS {crs} is unknown here ({problem})</source>
        <translation>{table}：无法识别其坐标系 {crs}（{problem}）</translation>
    </message>
    <message>
        <source>{address}: name the database, e.g. postgresql://user@host/db?table=t</source>
        <translation>{address}：请写明数据库，例如 postgresql://user@host/db?table=t</translation>
    </message>
    <message>
        <source>{address}: name the table with ?table=[SCHEMA.]TABLE (`yangpu-gis info` on the address without it lists them)</source>
        <translation>{address}：请用 ?table=[模式.]表名 写明数据表（对不带它的地址运行 `yangpu-gis info` 可列出所有表）</translation>
    </message>
    <message>
        <source>{address}: {table} is not a table name</source>
        <translation>{address}：{table} 不是表名</translation>
    </message>
    <message>
        <source>no file name given for the {what}</source>
        <translation>未给出{what}的文件名</translation>
    </message>
    <message>
        <source>{path} is {kind}, not a regular file; choose a file name for the {what}</source>
        <translation>{path} 是{kind}，不是普通文件；请为{what}另选文件名</translation>
    </message>
    <message>
        <source>{name}: the {what} must be named *{suffixes}; choose a name with that ending</source>
        <translation>{name}：{what}的文件名须以 *{suffixes} 结尾；请选用这样的文件名</translation>
    </message>
    <message>
        <source>{name} is a link to {target}, which is not a *{suffixes} file; it was left as it is</source>
        <translation>{name} 是指向 {target} 的链接，而后者不是 *{suffixes} 文件；未作改动</translation>
    </message>
    <message>
        <source>{name} is one of the files being read ({input}); choose another name for the {what}</source>
        <translation>{name} 是正在读取的文件之一（{input}）；请为{what}另选文件名</translation>
    </message>
    <message>
        <source>{first} or *{second}</source>
        <translation>{first} 或 *{second}</translation>
    </message>
    <message>
        <source>a special file</source>
        <translation>特殊文件</translation>
    </message>
    <message>
        <source>file</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>HTML map</source>
        <translation>HTML 地图</translation>
    </message>
    <message>
        <source>PNG image</source>
        <translation>PNG 图片</translation>
    </message>
    <message>
        <source>PDF page</source>
        <translation>PDF 页面</translation>
    </message>
    <message>
        <source>project</source>
        <translation>工程</translation>
    </message>
    <message>
        <source>GeoJSON notes export</source>
        <translation>批注 GeoJSON 导出</translation>
    </message>
    <message>
        <source>CSV notes export</source>
        <translation>批注 CSV 导出</translation>
    </message>
    <message>
        <source>a note needs {what}: it cannot be empty</source>
        <translation>批注必须填写{what}，不能为空</translation>
    </message>
    <message>
        <source>{what} is too long: {length} characters, at most {limit}</source>
        <translation>{what}太长：{length} 个字符，最多 {limit} 个</translation>
    </message>
    <message>
        <source>text</source>
        <translation>批注内容</translation>
    </message>
    <message>
        <source>an author</source>
        <translation>作者</translation>
    </message>
    <message>
        <source>category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>site id</source>
        <translation>地块编号</translation>
    </message>
    <message>
        <source>{name}: the file does not say which coordinate system it uses{hint}; declare its CRS, {examples}{values}</source>
        <translation>{name}：文件没有说明所用的坐标系{hint}；请指定其坐标系，{examples}{values}</translation>
    </message>
    <message>
        <source> (it has no .prj file)</source>
        <translation>（缺少 .prj 文件）</translation>
    </message>
    <message>
        <source> (its .prj file cannot be read)</source>
        <translation>（其 .prj 文件无法识别）</translation>
    </message>
    <message>
        <source>e.g. EPSG:4549 (CGCS2000 Gauss-Krüger 120°E), EPSG:32651 (UTM 51N), gcj02 or bd09</source>
        <translation>例如 EPSG:4549（CGCS2000 高斯-克吕格 120°E）、EPSG:32651（UTM 51N）、gcj02 或 bd09</translation>
    </message>
    <message>
        <source>; its numbers look like longitude/latitude (EPSG:4326, EPSG:4490, gcj02 or bd09?)</source>
        <translation>；其坐标值看起来是经纬度（EPSG:4326、EPSG:4490、gcj02 还是 bd09？）</translation>
    </message>
    <message>
        <source>; its y values reach {reach}, beyond 90 (longitude and latitude swapped?)</source>
        <translation>；其 y 值达到 {reach}，超过 90（经度和纬度是否颠倒？）</translation>
    </message>
    <message>
        <source>; its numbers look like projected metres (x {minx} to {maxx}, y {miny} to {maxy})</source>
        <translation>；其坐标值看起来是投影坐标（米）（x 从 {minx} 到 {maxx}，y 从 {miny} 到 {maxy}）</translation>
    </message>
    <message>
        <source>{name}: old Excel .xls workbooks cannot be read; save it as .xlsx or .csv</source>
        <translation>{name}：无法读取旧版 Excel .xls 工作簿；请另存为 .xlsx 或 .csv</translation>
    </message>
    <message>
        <source>{name}: unsupported file type {suffix}; open {supported_names}</source>
        <translation>{name}：不支持的文件类型 {suffix}；可打开的格式：{supported_names}</translation>
    </message>
    <message>
        <source>{name}: the ZIP archive holds no shapefile (.shp); unzip it and open the file inside</source>
        <translation>{name}：ZIP 压缩包中没有 Shapefile（.shp）；请解压后打开其中的文件</translation>
    </message>
    <message>
        <source>{name}: unsupported file type {suffix} ({what}); open {supported_names}</source>
        <translation>{name}：不支持的文件类型 {suffix}（它是 {what}）；可打开的格式：{supported_names}</translation>
    </message>
    <message>
        <source>{name}: no longitude/latitude columns (lon/lng/longitude/x/经度 and lat/latitude/y/纬度) and no WKT column; its columns are: {columns}</source>
        <translation>{name}：没有经纬度列（lon/lng/longitude/x/经度 和 lat/latitude/y/纬度），也没有 WKT 列；现有的列：{columns}</translation>
    </message>
    <message>
        <source>{name}: no longitude/latitude columns (lon/lng/longitude/x/经度 and lat/latitude/y/纬度) and no WKT column; it has no columns</source>
        <translation>{name}：没有经纬度列（lon/lng/longitude/x/经度 和 lat/latitude/y/纬度），也没有 WKT 列；表中没有任何列</translation>
    </message>
    <message>
        <source>{name}: the workbook has no sheets</source>
        <translation>{name}：工作簿中没有工作表</translation>
    </message>
    <message>
        <source>{name}: the text is neither UTF-8 nor GBK/GB18030; save it from Excel as &apos;CSV UTF-8&apos;</source>
        <translation>{name}：文本既不是 UTF-8 也不是 GBK/GB18030 编码；请在 Excel 中另存为“CSV UTF-8”</translation>
    </message>
    <message>
        <source>{name}: the table is empty</source>
        <translation>{name}：表格是空的</translation>
    </message>
    <message>
        <source>{name}: not a readable CSV table ({detail})</source>
        <translation>{name}：不是可读取的 CSV 表格（{detail}）</translation>
    </message>
    <message>
        <source>{name}: {label} was left out: {problem}</source>
        <translation>{name}：{label}未载入：{problem}</translation>
    </message>
    <message>
        <source>layer {number}</source>
        <translation>第 {number} 个图层</translation>
    </message>
    <message>
        <source>layer {number} (“{title}”)</source>
        <translation>第 {number} 个图层（“{title}”）</translation>
    </message>
    <message>
        <source>cannot open the notes file {path}: {problem}</source>
        <translation>无法打开批注文件 {path}：{problem}</translation>
    </message>
    <message>
        <source>cannot read the notes file {path}: {problem}</source>
        <translation>无法读取批注文件 {path}：{problem}</translation>
    </message>
    <message>
        <source>cannot save to the notes file {path}: {problem}</source>
        <translation>无法保存到批注文件 {path}：{problem}</translation>
    </message>
    <message>
        <source>cannot create the notes folder {path}: {problem}</source>
        <translation>无法创建批注文件夹 {path}：{problem}</translation>
    </message>
    <message>
        <source>the notes path {path} is not a file</source>
        <translation>批注路径 {path} 不是文件</translation>
    </message>
    <message>
        <source>{name}: it has {count} layers; the first {opened} were opened and the other {left} are kept in the file, unopened (a project opens at most {opened} layers)</source>
        <translation>{name}：共有 {count} 个图层，已打开前 {opened} 个，其余 {left} 个保留在文件中，未打开（一个工程最多打开 {opened} 个图层）</translation>
    </message>
    <message>
        <source>; </source>
        <comment>between listed reasons</comment>
        <translation>；</translation>
    </message>
    <message>
        <source>, </source>
        <comment>between listed names</comment>
        <translation>、</translation>
    </message>
</context>
<context>
    <name>NoteDialog</name>
    <message>
        <source>Review note</source>
        <translation>审查批注</translation>
    </message>
    <message>
        <source>What needs attention here?</source>
        <translation>这里有什么需要关注的问题？</translation>
    </message>
    <message>
        <source>your name</source>
        <translation>您的姓名</translation>
    </message>
    <message>
        <source>optional, e.g. public space, heritage</source>
        <translation>可选，例如：公共空间、历史风貌</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>批注</translation>
    </message>
    <message>
        <source>Author</source>
        <translation>作者</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Not saved: {problem}
Your note is still here: try Save again, or Cancel.</source>
        <translation>未保存：{problem}
批注内容仍在此处：请再次点击“保存”，或点击“取消”。</translation>
    </message>
</context>
<context>
    <name>NotesController</name>
    <message>
        <source>Review notes are unavailable: {problem}</source>
        <translation>审查批注不可用：{problem}</translation>
    </message>
    <message>
        <source>Review notes: {problem}</source>
        <translation>审查批注：{problem}</translation>
    </message>
    <message>
        <source>the notes file cannot be opened.</source>
        <translation>无法打开批注文件。</translation>
    </message>
    <message>
        <source>New note at {point}, on {site}</source>
        <translation>在 {point}（{site}）新建批注</translation>
    </message>
    <message>
        <source>New note at {point}</source>
        <translation>在 {point} 新建批注</translation>
    </message>
    <message>
        <source>New note on {site}</source>
        <translation>为{site}新建批注</translation>
    </message>
    <message>
        <source>Note {number} on {site}</source>
        <translation>批注 {number}（{site}）</translation>
    </message>
    <message>
        <source>Note {number}</source>
        <translation>批注 {number}</translation>
    </message>
    <message>
        <source>Delete review note</source>
        <translation>删除审查批注</translation>
    </message>
    <message>
        <source>Delete note {number} by {author}?

{text}

This cannot be undone.</source>
        <translation>删除 {author} 撰写的批注 {number} 吗？

{text}

此操作无法撤销。</translation>
    </message>
    <message>
        <source>Review notes: cannot export to {file}: choose a .geojson or a .csv file name</source>
        <translation>审查批注：无法导出为 {file}：请选择 .geojson 或 .csv 文件名</translation>
    </message>
</context>
<context>
    <name>NotesList</name>
    <message>
        <source>Review notes</source>
        <translation>审阅批注</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>任意状态</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Site</source>
        <translation>地块</translation>
    </message>
    <message>
        <source>Author</source>
        <translation>作者</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>批注</translation>
    </message>
    <message>
        <source>Mark resolved</source>
        <translation>标为已处理</translation>
    </message>
    <message>
        <source>Reopen</source>
        <translation>重新打开</translation>
    </message>
    <message>
        <source>Zoom to</source>
        <translation>缩放至</translation>
    </message>
    <message>
        <source>Any site</source>
        <translation>任意地块</translation>
    </message>
    <message>
        <source>Any author</source>
        <translation>任意作者</translation>
    </message>
    <message>
        <source>(no site)</source>
        <translation>（无地块）</translation>
    </message>
    <message numerus="yes">
        <source>%n note(s) shown of {total}</source>
        <translation>
            <numerusform>显示 %n 条批注（共 {total} 条）</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OpenQueue</name>
    <message>
        <source>GIS files ({patterns})</source>
        <translation>GIS 文件 ({patterns})</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>所有文件 (*)</translation>
    </message>
    <message>
        <source>Open data</source>
        <translation>打开数据</translation>
    </message>
    <message>
        <source>Opened {names}</source>
        <translation>已打开 {names}</translation>
    </message>
    <message>
        <source>Opened {names}. Note: {warnings}</source>
        <translation>已打开 {names}。注意：{warnings}</translation>
    </message>
    <message>
        <source>Coordinate system needed</source>
        <translation>需要指定坐标系</translation>
    </message>
    <message>
        <source>{problem}

Which coordinate system is {file} in?</source>
        <translation>{problem}

{file} 使用的是哪个坐标系？</translation>
    </message>
    <message>
        <source>Opening {file} was cancelled</source>
        <translation>已取消打开 {file}</translation>
    </message>
</context>
<context>
    <name>PostgisDialog</name>
    <message>
        <source>Add PostGIS layer</source>
        <translation>添加 PostGIS 图层</translation>
    </message>
    <message>
        <source>postgresql://user@host:5432/database</source>
        <translation>postgresql://用户@主机：5432/数据库</translation>
    </message>
    <message>
        <source>&amp;Connect</source>
        <translation>连接(&amp;C)</translation>
    </message>
    <message>
        <source>Database:</source>
        <translation>数据库：</translation>
    </message>
    <message>
        <source>Table</source>
        <translation>数据表</translation>
    </message>
    <message>
        <source>Geometry</source>
        <translation>几何类型</translation>
    </message>
    <message>
        <source>CRS</source>
        <translation>坐标系</translation>
    </message>
    <message>
        <source>Features</source>
        <translation>要素数</translation>
    </message>
    <message>
        <source>&amp;Add layer</source>
        <translation>添加图层(&amp;A)</translation>
    </message>
    <message>
        <source>Database password</source>
        <translation>数据库密码</translation>
    </message>
    <message>
        <source>Password for {database}:</source>
        <translation>{database} 的密码：</translation>
    </message>
    <message>
        <source>No password given.</source>
        <translation>未输入密码。</translation>
    </message>
    <message>
        <source>{count} geometry tables.</source>
        <translation>共 {count} 个几何数据表。</translation>
    </message>
    <message>
        <source>The database has no geometry tables.</source>
        <translation>该数据库没有几何数据表。</translation>
    </message>
</context>
<context>
    <name>PostgisMenu</name>
    <message>
        <source>&amp;Database</source>
        <translation>数据库(&amp;D)</translation>
    </message>
    <message>
        <source>Add &amp;PostGIS layer…</source>
        <translation>添加 PostGIS 图层(&amp;P)…</translation>
    </message>
    <message>
        <source>Shared review &amp;notes…</source>
        <translation>共享审阅批注(&amp;N)…</translation>
    </message>
    <message>
        <source>Shared review notes</source>
        <translation>共享审阅批注</translation>
    </message>
    <message>
        <source>Address of the team&apos;s notes table, e.g. {example}</source>
        <translation>团队批注数据表的地址，例如 {example}</translation>
    </message>
    <message>
        <source>(leave it empty for the notes on this computer)</source>
        <translation>（留空则使用本机的批注）</translation>
    </message>
</context>
<context>
    <name>PostgisStreams</name>
    <message>
        <source>The database is back: {table} is up to date again.</source>
        <translation>数据库已恢复连接：{table} 已重新更新。</translation>
    </message>
    <message>
        <source>{problem}. The map keeps the last view and tries again.</source>
        <translation>{problem}。地图保留上一视图，并将重试。</translation>
    </message>
</context>
<context>
    <name>ProjectController</name>
    <message>
        <source>Untitled map</source>
        <translation>未命名地图</translation>
    </message>
    <message>
        <source>{name}[*] — Yangpu GIS</source>
        <translation>{name}[*] — 杨浦 GIS</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>未保存的更改</translation>
    </message>
    <message>
        <source>Changes not saved are lost.</source>
        <translation>未保存的更改将会丢失。</translation>
    </message>
    <message>
        <source>the untitled map</source>
        <translation>未命名地图</translation>
    </message>
    <message>
        <source>Save the changes to {name} before opening another project?</source>
        <translation>打开其他项目之前，要保存对{name}的更改吗？</translation>
    </message>
    <message>
        <source>Save the changes to {name} before starting a new project?</source>
        <translation>新建项目之前，要保存对{name}的更改吗？</translation>
    </message>
    <message>
        <source>Save the changes to {name} before quitting?</source>
        <translation>退出之前，要保存对{name}的更改吗？</translation>
    </message>
    <message>
        <source>Open project</source>
        <translation>打开项目</translation>
    </message>
    <message>
        <source>{name}: could not be opened ({error})</source>
        <translation>{name}：无法打开（{error}）</translation>
    </message>
    <message>
        <source>Save project</source>
        <translation>保存项目</translation>
    </message>
    <message>
        <source>Could not save {path}: {problem}</source>
        <translation>无法保存 {path}：{problem}</translation>
    </message>
    <message>
        <source>Saved {path}</source>
        <translation>已保存 {path}</translation>
    </message>
    <message>
        <source>{name} is no longer there; it was taken off the recent list</source>
        <translation>{name} 已不存在，已从最近使用列表中移除</translation>
    </message>
    <message>
        <source>Could not remember this session: {problem}</source>
        <translation>无法记住本次会话：{problem}</translation>
    </message>
</context>
<context>
    <name>ReviewNotes</name>
    <message>
        <source>Open</source>
        <translation>未处理</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>已处理</translation>
    </message>
    <message>
        <source>Review notes</source>
        <translation>审查批注</translation>
    </message>
    <message>
        <source>No notes yet. Use “Add note…” above to write one.</source>
        <translation>暂无批注。点击上方的“添加批注…”即可撰写。</translation>
    </message>
</context>
<context>
    <name>ReviewNotesCount</name>
    <message numerus="yes">
        <source>%n note(s)</source>
        <translation>
            <numerusform>%n 条批注</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{notes}, %n open</source>
        <translation>
            <numerusform>{notes}，其中 %n 条未处理</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SaveDialog</name>
    <message>
        <source>Replace file?</source>
        <translation>替换文件？</translation>
    </message>
    <message>
        <source>{name} already exists in {folder}. Replace it?</source>
        <translation>{folder} 中已存在 {name}。要替换它吗？</translation>
    </message>
</context>
<context>
    <name>SearchBox</name>
    <message>
        <source>Search sites (English or 中文)</source>
        <translation>搜索地块（中文或英文）</translation>
    </message>
    <message>
        <source>No feature is named like “{text}”.</source>
        <translation>没有名称与“{text}”相似的要素。</translation>
    </message>
</context>
<context>
    <name>SelectionStatus</name>
    <message>
        <source>{count} · area not summed (over {limit} features)</source>
        <translation>{count} · 未汇总面积（超过 {limit} 个要素）</translation>
    </message>
    <message numerus="yes">
        <source>%n feature(s) selected</source>
        <translation>
            <numerusform>已选择 %n 个要素</numerusform>
        </translation>
    </message>
    <message>
        <source>{count} · {area}</source>
        <translation>{count} · {area}</translation>
    </message>
    <message>
        <source>Selected in {layer}; the area is measured on the WGS84 ellipsoid</source>
        <translation>选自 {layer}；面积按 WGS84 椭球计算</translation>
    </message>
</context>
<context>
    <name>Session</name>
    <message>
        <source>The last session could not be restored: {reason}</source>
        <translation>无法恢复上次的会话：{reason}</translation>
    </message>
    <message>
        <source> (the damaged file is kept as {path})</source>
        <translation>（损坏的文件已保留为 {path}）</translation>
    </message>
</context>
<context>
    <name>Shortcuts</name>
    <message>
        <source>{action} ({keys})</source>
        <translation>{action}（{keys}）</translation>
    </message>
    <message>
        <source>Arrow keys</source>
        <translation>方向键</translation>
    </message>
    <message>
        <source>Pan the map</source>
        <translation>平移地图</translation>
    </message>
    <message>
        <source>Zoom in / out</source>
        <translation>放大 / 缩小</translation>
    </message>
    <message>
        <source>Mouse wheel</source>
        <translation>鼠标滚轮</translation>
    </message>
    <message>
        <source>Zoom at the pointer</source>
        <translation>以指针为中心缩放</translation>
    </message>
    <message>
        <source>Shift+drag</source>
        <translation>Shift+拖动</translation>
    </message>
    <message>
        <source>Zoom to the box dragged</source>
        <translation>缩放到拖出的矩形</translation>
    </message>
    <message>
        <source>Ctrl+click</source>
        <translation>Ctrl+单击</translation>
    </message>
    <message>
        <source>Add a feature to the selection or remove it</source>
        <translation>将要素加入选择集或从中移除</translation>
    </message>
    <message>
        <source>Shift+drag (select tool)</source>
        <translation>Shift+拖动（选择工具）</translation>
    </message>
    <message>
        <source>Add to the selection</source>
        <translation>加入选择集</translation>
    </message>
    <message>
        <source>Double-click, Enter</source>
        <translation>双击、回车</translation>
    </message>
    <message>
        <source>Finish a measurement or polygon</source>
        <translation>完成测量或多边形</translation>
    </message>
    <message>
        <source>Backspace</source>
        <translation>退格键</translation>
    </message>
    <message>
        <source>Drop the last vertex</source>
        <translation>删除最后一个顶点</translation>
    </message>
    <message>
        <source>Esc</source>
        <translation>Esc</translation>
    </message>
    <message>
        <source>Clear the measurement or polygon</source>
        <translation>清除测量或多边形</translation>
    </message>
    <message>
        <source>Single-letter tool keys work while the map has the keyboard focus (click the map first); in a text box they type letters.</source>
        <translation>单字母工具快捷键仅在地图获得键盘焦点时有效（请先单击地图）；在文本框中它们输入字母。</translation>
    </message>
    <message>
        <source>Menus and tools</source>
        <translation>菜单与工具</translation>
    </message>
    <message>
        <source>On the map</source>
        <translation>在地图上</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
</context>
<context>
    <name>Words</name>
    <message>
        <source>point</source>
        <translation>点</translation>
    </message>
    <message>
        <source>multipoint</source>
        <translation>多点</translation>
    </message>
    <message>
        <source>line</source>
        <translation>线</translation>
    </message>
    <message>
        <source>multiline</source>
        <translation>多线</translation>
    </message>
    <message>
        <source>polygon</source>
        <translation>面</translation>
    </message>
    <message>
        <source>multipolygon</source>
        <translation>多面</translation>
    </message>
    <message>
        <source>geometry collection</source>
        <translation>几何集合</translation>
    </message>
    <message>
        <source>no geometry</source>
        <translation>无几何</translation>
    </message>
</context>
</TS>
